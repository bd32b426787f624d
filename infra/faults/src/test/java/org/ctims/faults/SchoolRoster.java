package org.ctims.faults;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.ctims.local.demo.RosterPublisher;
import org.ctims.local.demo.RosterRecord;

/**
 * One school's OneRoster 1.2 roster for a fault test, from an SIS of its own: the school year
 * 2018-2019, one teacher, one CTE class and {@code students} grade-12 students (user,
 * demographics, enrollment), numbered so the test knows every STN. {@code 5 + 3 × students}
 * records, {@code students} canonical enrollments.
 */
final class SchoolRoster {

    static final String SCHOOL_YEAR = "2018-2019";

    final String sis;
    final String pid;
    final String staffId;
    private final String stnPrefix;
    private final int students;
    private final Instant modified = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    /** @param stnPrefix three digits that start every STN of this school (unique per test) */
    SchoolRoster(String sis, String pid, String staffId, String stnPrefix, int students) {
        this.sis = sis;
        this.pid = pid;
        this.staffId = staffId;
        this.stnPrefix = stnPrefix;
        this.students = students;
    }

    int students() {
        return students;
    }

    String stn(int student) {
        return stnPrefix + String.format("%07d", student);
    }

    Set<String> stns() {
        Set<String> stns = new LinkedHashSet<>();
        for (int n = 0; n < students; n++) {
            stns.add(stn(n));
        }
        return stns;
    }

    List<RosterRecord> records() {
        String term = "term-2019";
        String org = "org-" + pid;
        String teacher = "t-" + staffId;
        String clazz = "c-" + pid;
        List<RosterRecord> records = new ArrayList<>();
        records.add(RosterRecord.schoolYear(term, 2019, modified));
        records.add(RosterRecord.school(org, pid, "Fault High School " + pid, modified));
        records.add(RosterRecord.teacher(teacher, staffId, "Fay", "Teacher" + staffId, List.of(org), modified));
        records.add(RosterRecord.cteClass(clazz, "Information Technology " + pid, "Information Technology", org, term, modified));
        records.add(RosterRecord.enrollment("e-" + clazz + "-teacher", "teacher", teacher, clazz, org, modified));
        for (int n = 0; n < students; n++) {
            String user = "u-" + n;
            records.add(RosterRecord.student(user, stn(n), "Student" + n, "Fault" + pid, 12, null, org, modified));
            records.add(RosterRecord.demographic(user, "2001-0" + (1 + n % 9) + "-1" + (n % 9), n % 2 == 0 ? "female" : "male",
                    modified));
            records.add(RosterRecord.enrollment("e-" + n, "student", user, clazz, org, modified));
        }
        return records;
    }

    /** The CloudEvents ids the records are sent with (name-based: the same on every send). */
    List<String> eventIds() {
        return records().stream().map(r -> r.eventId(sis)).toList();
    }

    /** Sends every record and returns once the broker has acknowledged each ({@code acks=all}). */
    int send(String brokers) {
        List<RosterRecord> records = records();
        try (RosterPublisher publisher = new RosterPublisher(brokers, sis)) {
            publisher.publish(records);
        }
        return records.size();
    }
}
