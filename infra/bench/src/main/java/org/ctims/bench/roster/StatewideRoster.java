package org.ctims.bench.roster;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A synthetic statewide roster in OneRoster 1.2 (REST JSON field names), generated the same way
 * every time: one school year ({@code 2018-2019}); per school one org, three CTE teachers, one class
 * each, and 300 grade-12 students who take all three classes (so each teacher's list has 300
 * students), each student with user, demographics and three enrollments. 1,510 records per school:
 * 662 schools ≈ 200,000 students and 1,000,000 records, the statewide size. Each record also knows
 * its row in the roster service's raw tables, for the {@code COPY} baseline.
 */
public final class StatewideRoster {

    public static final int STUDENTS_PER_SCHOOL = 300;
    public static final int TEACHERS_PER_SCHOOL = 3;
    public static final int RECORDS_PER_SCHOOL = 1 + TEACHERS_PER_SCHOOL * 3 + STUDENTS_PER_SCHOOL * (2 + TEACHERS_PER_SCHOOL);
    public static final String SCHOOL_YEAR = "2018-2019";
    static final List<String> DIVISIONS = List.of("Information Technology", "Health Science", "Business and Marketing");
    static final String TERM = "term-2019";

    /** One record: what goes on the topic, and the equivalent row of the raw table. */
    public record Rec(String type, String sourcedId, Map<String, Object> json, String table, List<Object> row) {

        public String key() {
            return type + ":" + sourcedId;
        }

        public String ceType() {
            return "oneroster." + type;
        }
    }

    private final String sis;
    private final int schools;
    private final Instant modified;

    public StatewideRoster(String sis, int schools, Instant modified) {
        this.sis = sis;
        this.schools = schools;
        this.modified = modified;
    }

    public int schools() {
        return schools;
    }

    public long records() {
        return 1 + (long) schools * RECORDS_PER_SCHOOL;
    }

    public long studentEnrollments() {
        return (long) schools * STUDENTS_PER_SCHOOL * TEACHERS_PER_SCHOOL;
    }

    public static String pid(int school) {
        return String.valueOf(20_000 + school);
    }

    public static String staffId(int school, int teacher) {
        return String.valueOf(800_000 + school * TEACHERS_PER_SCHOOL + teacher);
    }

    /** Every record in the order an SIS sends a bulk roster: reference data first, then per school. */
    public void forEach(Consumer<Rec> out) {
        out.accept(rec("academicSession", TERM, "academic_session",
                Map.of("title", SCHOOL_YEAR, "type", "schoolYear", "schoolYear", "2019", "startDate", "2018-08-15",
                        "endDate", "2019-05-31"),
                SCHOOL_YEAR, "schoolYear", "2019", "2018-08-15", "2019-05-31"));
        for (int s = 0; s < schools; s++) {
            school(s, out);
        }
    }

    private void school(int s, Consumer<Rec> out) {
        String org = "org-" + s;
        String schoolName = "Bench High School " + s;
        out.accept(rec("org", org, "org", Map.of("name", schoolName, "type", "school", "identifier", pid(s)),
                schoolName, "school", pid(s), null));
        for (int t = 0; t < TEACHERS_PER_SCHOOL; t++) {
            String teacher = "t-" + s + "-" + t;
            String staff = staffId(s, t);
            out.accept(rec("user", teacher, "roster_user", Map.of("enabledUser", true, "givenName", "Teacher" + t,
                            "familyName", "School" + s, "identifier", staff, "email", "t" + staff + "@bench.example.org",
                            "roles", List.of(role("teacher", org))),
                    "Teacher" + t, "School" + s, "t" + staff + "@bench.example.org", null, staff, null, "{teacher}"));
            String clazz = "c-" + s + "-" + t;
            out.accept(rec("class", clazz, "roster_class", Map.of("title", DIVISIONS.get(t) + " " + s, "classType",
                            "scheduled", "school", ref(org, "org"), "terms", List.of(ref(TERM, "academicSession")),
                            "subjects", List.of(DIVISIONS.get(t))),
                    DIVISIONS.get(t) + " " + s, org, null, TERM, DIVISIONS.get(t)));
            out.accept(enrollment("e-" + clazz + "-teacher", "teacher", teacher, clazz, org));
        }
        for (int n = 0; n < STUDENTS_PER_SCHOOL; n++) {
            int student = s * STUDENTS_PER_SCHOOL + n;
            String user = "u-" + student;
            String stn = String.valueOf(8_000_000_000L + student);
            String given = GIVEN.get(student % GIVEN.size());
            String family = FAMILY.get((student / GIVEN.size()) % FAMILY.size()) + student;
            out.accept(rec("user", user, "roster_user", Map.of("enabledUser", true, "givenName", given,
                            "familyName", family, "userIds", List.of(Map.of("type", "STN", "identifier", stn)),
                            "roles", List.of(role("student", org)), "grades", List.of("12")),
                    given, family, null, stn, null, 12, "{student}"));
            String birth = "2001-" + String.format("%02d", 1 + student % 12) + "-" + String.format("%02d", 1 + student % 28);
            String sex = student % 2 == 0 ? "female" : "male";
            out.accept(rec("demographic", user, "demographic", Map.of("birthDate", birth, "sex", sex), birth, sex));
            for (int t = 0; t < TEACHERS_PER_SCHOOL; t++) {
                out.accept(enrollment("e-" + student + "-" + t, "student", user, "c-" + s + "-" + t, org));
            }
        }
    }

    private Rec enrollment(String id, String role, String user, String clazz, String org) {
        boolean primary = "teacher".equals(role);
        return rec("enrollment", id, "roster_enrollment", Map.of("role", role, "primary", primary,
                        "user", ref(user, "user"), "class", ref(clazz, "class"), "school", ref(org, "org")),
                user, clazz, org, role, primary, null, null);
    }

    private Rec rec(String type, String sourcedId, String table, Map<String, Object> fields, Object... columns) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sourcedId", sourcedId);
        json.put("status", "active");
        json.put("dateLastModified", modified.toString());
        json.putAll(fields);
        Object[] row = new Object[4 + columns.length];
        row[0] = sis;
        row[1] = sourcedId;
        row[2] = "active";
        row[3] = modified.toString();
        System.arraycopy(columns, 0, row, 4, columns.length);
        return new Rec(type, sourcedId, json, table, Arrays.asList(row));
    }

    private static Map<String, Object> role(String role, String org) {
        return Map.of("roleType", "primary", "role", role, "org", ref(org, "org"));
    }

    private static Map<String, Object> ref(String sourcedId, String type) {
        return Map.of("sourcedId", sourcedId, "type", type);
    }

    static final Map<String, List<String>> COLUMNS = Map.of(
            "org", List.of("name", "type", "pid", "parent_sourced_id"),
            "academic_session", List.of("title", "type", "school_year", "start_date", "end_date"),
            "roster_user", List.of("given_name", "family_name", "email", "stn", "staff_id", "grade", "roles"),
            "demographic", List.of("birth_date", "sex"),
            "roster_class", List.of("title", "school_sourced_id", "course_sourced_id", "term_sourced_id", "division"),
            "roster_enrollment", List.of("user_sourced_id", "class_sourced_id", "school_sourced_id", "role", "is_primary",
                    "begin_date", "end_date"));

    private static final List<String> GIVEN = List.of("Jamie", "Alex", "Sam", "Taylor", "Jordan", "Casey", "Riley",
            "Morgan", "Avery", "Quinn", "Dakota", "Reese");
    private static final List<String> FAMILY = List.of("Rivera", "Nguyen", "Smith", "Johnson", "Garcia", "Brown",
            "Davis", "Martinez", "Lopez", "Wilson");
}
