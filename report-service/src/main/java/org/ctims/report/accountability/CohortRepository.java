package org.ctims.report.accountability;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a school's cohort and the year's approved list from the read models. */
@Repository
class CohortRepository {

    private final JdbcClient jdbc;

    CohortRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The students of {@code pid} in grade 12 in {@code year} by the roster (an active enrollment
     * there with grade 12), each with their report's answers; a student whose report was never
     * saved has none and becomes a non-respondent. A removed enrollment does not count: the
     * student left the school's roster.
     */
    List<CohortStudent> cohort(String pid, String year) {
        return jdbc.sql(cohortQuery(true))
                .param("pid", pid).param("year", year)
                .query((rs, i) -> student(rs))
                .list();
    }

    /** Every school's cohort of {@code year} in one query, by PID (in PID order). */
    Map<String, List<CohortStudent>> cohortsOfTheState(String year) {
        Map<String, List<CohortStudent>> bySchool = new LinkedHashMap<>();
        jdbc.sql(cohortQuery(false)).param("year", year).query(rs -> {
            bySchool.computeIfAbsent(rs.getString("organization_pid"), pid -> new ArrayList<>()).add(student(rs));
        });
        return bySchool;
    }

    /** A school's passes: a subquery per student, two index lookups each. */
    private static final String PASSES_PER_STUDENT = """
            array(select rc.assessment_number from report_certification rc
                  where rc.report_id = r.report_id and rc.result = 'passed'
                    and rc.assessment_number is not null order by rc.position) as numbers,
            array(select rc.cluster_code from report_certification rc
                  where rc.report_id = r.report_id and rc.result = 'passed'
                    and rc.assessment_number is not null order by rc.position) as clusters""";

    /**
     * The state's passes: one grouped join. Statewide (50,000 students) the subqueries per student
     * put the plan's cost above PostgreSQL's JIT thresholds and took 9 s, this 1.2 s; for one school
     * the subqueries are faster (35 ms against 1.6 s). Measurements in docs/PERFORMANCE.md.
     */
    private static final String PASSES_GROUPED = """
            coalesce(p.numbers, '{}') as numbers, coalesce(p.clusters, '{}') as clusters""";
    private static final String PASSES_GROUPED_JOIN = """
            left join (select rc.report_id, array_agg(rc.assessment_number order by rc.position) as numbers,
                              array_agg(rc.cluster_code order by rc.position) as clusters
                       from report_certification rc join report_state s on s.report_id = rc.report_id
                       where s.school_year = :year and rc.result = 'passed' and rc.assessment_number is not null
                       group by rc.report_id) p on p.report_id = r.report_id""";

    /** The cohort students of one school ({@code :pid}) or of all, each with the answers of their newest report there. */
    private static String cohortQuery(boolean oneSchool) {
        return """
                select distinct on (c.organization_pid, c.stn) c.organization_pid, c.stn,
                       coalesce(r.deceased, false) as deceased, r.education_status,
                       r.employment_status, coalesce(r.follow_up_complete, false) as complete,
                       %s
                from (select distinct organization_pid, stn from enrollment
                      where school_year = :year and not removed and grade = 12 %s) c
                left join report_state r on r.stn = c.stn and r.organization_pid = c.organization_pid
                                        and r.school_year = :year
                %s
                order by c.organization_pid, c.stn, r.version desc nulls last""".formatted(
                oneSchool ? PASSES_PER_STUDENT : PASSES_GROUPED,
                oneSchool ? "and organization_pid = :pid" : "",
                oneSchool ? "" : PASSES_GROUPED_JOIN);
    }

    private static CohortStudent student(ResultSet rs) throws SQLException {
        return new CohortStudent(rs.getString("stn"), 12, rs.getBoolean("deceased"),
                EducationStatus.fromCode(rs.getString("education_status")).orElse(null),
                EmploymentStatus.fromCode(rs.getString("employment_status")).orElse(null),
                rs.getBoolean("complete"), passes(rs.getArray("numbers"), rs.getArray("clusters")));
    }

    /** A group of a school's cohort: a teacher's or a division's students (STNs). */
    record Group(String key, String name, List<String> stns) {
    }

    /** The cohort by teacher (staff id, newest name seen): a student with two teachers is in both groups. */
    List<Group> byTeacher(String pid, String year) {
        return jdbc.sql("""
                select teacher_staff_id as key, max(teacher_name) as name, array_agg(distinct stn) as stns
                from enrollment
                where organization_pid = :pid and school_year = :year and not removed and grade = 12
                group by teacher_staff_id order by teacher_staff_id""")
                .param("pid", pid).param("year", year)
                .query((rs, i) -> new Group(rs.getString("key"), rs.getString("name"), list(rs.getArray("stns"))))
                .list();
    }

    /** The cohort by division (CTE program); enrollments without one form the group with a null key. */
    List<Group> byDivision(String pid, String year) {
        return jdbc.sql("""
                select division as key, array_agg(distinct stn) as stns
                from enrollment
                where organization_pid = :pid and school_year = :year and not removed and grade = 12
                group by division order by division nulls last""")
                .param("pid", pid).param("year", year)
                .query((rs, i) -> new Group(rs.getString("key"), rs.getString("key"), list(rs.getArray("stns"))))
                .list();
    }

    /** The schools (PID, newest name seen) with a grade-12 student on the roster in {@code year}. */
    List<Group> schools(String year) {
        return jdbc.sql("""
                select organization_pid as key, max(organization_name) as name
                from enrollment where school_year = ? and not removed and grade = 12
                group by organization_pid order by organization_pid""")
                .param(year)
                .query((rs, i) -> new Group(rs.getString("key"), rs.getString("name"), List.of()))
                .list();
    }

    /**
     * The assessment numbers of {@code year}'s Approved Assessment List, retired ones included: the
     * follow-up service accepts a number only while it is on the list, so a pass recorded on a
     * later retired assessment was on the year's list when it was recorded.
     */
    Set<String> approvedList(String year) {
        return Set.copyOf(jdbc.sql("select number from catalog_assessment where school_year = ?")
                .param(year).query(String.class).list());
    }

    private static List<String> list(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    /** The two arrays come from the same rows in the same order, so they pair up by index. */
    private static Set<Pass> passes(Array numbers, Array clusters) throws SQLException {
        String[] n = (String[]) numbers.getArray();
        String[] c = (String[]) clusters.getArray();
        Set<Pass> passes = new HashSet<>();
        for (int i = 0; i < n.length; i++) {
            passes.add(new Pass(n[i], c[i]));
        }
        return passes;
    }
}
