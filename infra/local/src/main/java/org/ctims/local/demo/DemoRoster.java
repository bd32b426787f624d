package org.ctims.local.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo rosters a student information system would send: the two demo schools of the realm,
 * the guidebook's enrollment year 2018-2019 and the last completed school year 2025-2026,
 * five teachers (teacher-a and teacher-b are the realm's demo users, matched by staff id), four
 * CTE classes per school and year, and {@value #STUDENTS_PER_SCHOOL_AND_YEAR} students per school
 * and year in grades 9 to 12. Generated from fixed tables: the same records on every run.
 */
public final class DemoRoster {

    /** The SIS the records come from ({@code ce_source}); its sourcedIds start with {@code demo-}. */
    public static final String SIS = "demo-sis";
    public static final int STUDENTS_PER_SCHOOL_AND_YEAR = 30;

    /** The demo schools; the PIDs and names are those of the realm's users and the project's contract. */
    public static final List<School> SCHOOLS = List.of(
            new School("10001", "Sample High School"),
            new School("10002", "Riverside High School"));

    /** School years by the calendar year they end in. */
    public static final List<Integer> SCHOOL_YEAR_ENDS = List.of(2019, 2026);

    /** Rosters and teachers change at fixed times: a replay is never "newer" than what is stored. */
    private static final Instant STAFF_MODIFIED = Instant.parse("2025-08-01T12:00:00Z");

    private static final List<Teacher> TEACHERS = List.of(
            new Teacher("700001", "Alice", "Adams", List.of("10001")),
            new Teacher("700002", "Bob", "Baker", List.of("10002")),
            new Teacher("700003", "Carmen", "Castillo", List.of("10001")),
            new Teacher("700004", "Darnell", "Davis", List.of("10002")),
            new Teacher("700005", "Evelyn", "Ellis", List.of("10001", "10002")));

    /** The CTE classes every year: school, division, teacher. teacher-a and teacher-b teach two each. */
    private static final List<Course> COURSES = List.of(
            new Course("10001", "bm", "Business and Marketing", "700001"),
            new Course("10001", "it", "Information Technology", "700001"),
            new Course("10001", "hs", "Health Science", "700003"),
            new Course("10001", "ag", "Agricultural Education", "700005"),
            new Course("10002", "bm", "Business and Marketing", "700002"),
            new Course("10002", "it", "Information Technology", "700002"),
            new Course("10002", "hs", "Health Science", "700004"),
            new Course("10002", "ag", "Agricultural Education", "700005"));

    private static final String[][] GIVEN_NAMES = {
            {"Jamie", "female"}, {"Marcus", "male"}, {"Sofia", "female"}, {"Ethan", "male"}, {"Aaliyah", "female"},
            {"Noah", "male"}, {"Priya", "female"}, {"Liam", "male"}, {"Maya", "female"}, {"Diego", "male"},
            {"Hannah", "female"}, {"Caleb", "male"}, {"Zoe", "female"}, {"Isaiah", "male"}, {"Grace", "female"},
            {"Owen", "male"}, {"Leah", "female"}, {"Mateo", "male"}, {"Chloe", "female"}, {"Elijah", "male"},
            {"Avery", "unspecified"}, {"Jordan", "other"}};

    private static final String[] FAMILY_NAMES = {
            "Rivera", "Johnson", "Nguyen", "Patel", "Thompson", "Garcia", "Walker", "Kim", "Brown", "Lopez",
            "Harris", "Martinez", "Clark", "Robinson", "Lewis", "Young", "Hernandez", "King", "Wright", "Scott",
            "Green", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts", "Carter", "Phillips", "Evans", "Turner"};

    private DemoRoster() {
    }

    /** Every record, referenced records first (the roster service also copes with any order). */
    static List<RosterRecord> records() {
        List<RosterRecord> records = new ArrayList<>();
        SCHOOLS.forEach(s -> records.add(RosterRecord.school(orgId(s.pid()), s.pid(), s.name(), STAFF_MODIFIED)));
        SCHOOL_YEAR_ENDS.forEach(y -> records.add(RosterRecord.schoolYear(termId(y), y, STAFF_MODIFIED)));
        for (Teacher t : TEACHERS) {
            records.add(RosterRecord.teacher(teacherId(t.staffId()), t.staffId(), t.givenName(), t.familyName(),
                    t.pids().stream().map(DemoRoster::orgId).toList(), STAFF_MODIFIED));
        }
        for (int endYear : SCHOOL_YEAR_ENDS) {
            Instant modified = Instant.parse(endYear + "-06-01T12:00:00Z");   // end of that school year
            for (Course c : COURSES) {
                String classId = classId(c, endYear);
                records.add(RosterRecord.cteClass(classId, c.division() + " " + (endYear - 1) + "-" + endYear,
                        c.division(), orgId(c.pid()), termId(endYear), modified));
                records.add(RosterRecord.enrollment(classId + "-teacher", "teacher", teacherId(c.staffId()), classId,
                        orgId(c.pid()), modified));
            }
            for (School school : SCHOOLS) {
                for (int n = 1; n <= STUDENTS_PER_SCHOOL_AND_YEAR; n++) {
                    addStudent(records, school, endYear, n, modified);
                }
            }
        }
        return records;
    }

    /**
     * Student n of a school and year: grades 9 to 12 in turn, the school's four classes in turn, an
     * e-mail for two students out of three (teachers add the rest, as in real life).
     */
    private static void addStudent(List<RosterRecord> records, School school, int endYear, int n, Instant modified) {
        int schoolIndex = SCHOOLS.indexOf(school);
        String stn = stn(schoolIndex, endYear, n);
        String userId = "demo-student-" + stn;
        int seed = schoolIndex * 7 + endYear + n * 3;
        String[] given = GIVEN_NAMES[seed % GIVEN_NAMES.length];
        String family = FAMILY_NAMES[(n * 5 + schoolIndex * 11 + endYear) % FAMILY_NAMES.length];
        int grade = 9 + (n - 1) % 4;
        String email = n % 3 == 0 ? null
                : (given[0] + "." + family + "." + stn.substring(6)).toLowerCase() + "@students.demo.example.org";
        // born in the calendar year a student of that grade turns (grade + 6) during the school year
        int birthYear = endYear - grade - 6;
        String birthDate = String.format("%d-%02d-%02d", birthYear, 1 + (n * 7) % 12, 1 + (n * 11) % 28);
        List<Course> courses = COURSES.stream().filter(c -> c.pid().equals(school.pid())).toList();
        // two by two through the classes, so every class gets students of every grade (grade-12 ones need a follow-up)
        String classId = classId(courses.get((n - 1) / 2 % courses.size()), endYear);

        records.add(RosterRecord.student(userId, stn, given[0], family, grade, email, orgId(school.pid()), modified));
        records.add(RosterRecord.demographic(userId, birthDate, given[1], modified));
        records.add(RosterRecord.enrollment(classId + "-" + stn, "student", userId, classId, orgId(school.pid()), modified));
    }

    /** Exactly 10 digits: 9, the school (1 or 2), the year the school year ends, the student's number. */
    static String stn(int schoolIndex, int endYear, int n) {
        return String.format("9%d%04d%04d", schoolIndex + 1, endYear, n);
    }

    private static String orgId(String pid) {
        return "demo-org-" + pid;
    }

    private static String termId(int endYear) {
        return "demo-sy-" + (endYear - 1) + "-" + endYear;
    }

    private static String teacherId(String staffId) {
        return "demo-teacher-" + staffId;
    }

    private static String classId(Course course, int endYear) {
        return "demo-class-" + course.pid() + "-" + course.code() + "-" + endYear;
    }

    /** The school year text CTIMS uses, e.g. {@code 2018-2019}. */
    public static String schoolYear(int endYear) {
        return (endYear - 1) + "-" + endYear;
    }

    public record School(String pid, String name) {
    }

    private record Teacher(String staffId, String givenName, String familyName, List<String> pids) {
    }

    private record Course(String pid, String code, String division, String staffId) {
    }
}
