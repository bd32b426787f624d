package org.ctims.report.summary;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The students of a school (or of one teacher there) in a year, from the read models. */
@Repository
class SummaryRepository {

    private static final String STUDENTS = """
            with s as (
                select e.stn, bool_or(e.grade = 12) as applies, array_agg(distinct e.teacher_staff_id) as teachers
                from enrollment e
                where e.organization_pid = :pid and e.school_year = :year and not e.removed %s
                group by e.stn)
            select s.stn, nullif(concat_ws(', ', st.family_name, st.given_name), '') as name, s.applies, s.teachers,
                   coalesce(r.follow_up_complete, false) as follow_up_complete,
                   coalesce(r.certificate_complete, false) as certificate_complete,
                   coalesce(r.deceased, false) as deceased, r.education_status, r.employment_status,
                   array(select rc.assessment_number from report_certification rc where rc.report_id = r.report_id order by rc.position) as numbers,
                   array(select rc.cluster_code from report_certification rc where rc.report_id = r.report_id order by rc.position) as clusters,
                   array(select rc.result from report_certification rc where rc.report_id = r.report_id order by rc.position) as results
            from s
            left join student st on st.stn = s.stn
            left join lateral (select * from report_state r
                               where r.stn = s.stn and r.organization_pid = :pid and r.school_year = :year
                               order by r.version desc limit 1) r on true
            order by s.stn""";

    private final JdbcClient jdbc;

    SummaryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The students with an active enrollment at {@code pid} in {@code year}, each with their report
     * there (none yet → nothing answered). The follow-up applies when the roster's grade that year
     * is 12 in one of those enrollments, as in the follow-up service.
     */
    List<SummaryStudent> schoolStudents(String pid, String year) {
        return jdbc.sql(STUDENTS.formatted("")).param("pid", pid).param("year", year).query((rs, i) -> student(rs)).list();
    }

    /** The same, limited to the enrollments of teacher {@code staffId}. */
    List<SummaryStudent> teacherStudents(String pid, String year, String staffId) {
        return jdbc.sql(STUDENTS.formatted("and e.teacher_staff_id = :staff"))
                .param("pid", pid).param("year", year).param("staff", staffId)
                .query((rs, i) -> student(rs)).list();
    }

    /** A teacher with active enrollments at a school in a year, with the newest name the roster gave. */
    record Teacher(String staffId, String name) {
    }

    List<Teacher> teachers(String pid, String year) {
        return jdbc.sql("""
                select teacher_staff_id, max(teacher_name) as name from enrollment
                where organization_pid = :pid and school_year = :year and not removed
                group by teacher_staff_id order by teacher_staff_id""")
                .param("pid", pid).param("year", year)
                .query((rs, i) -> new Teacher(rs.getString(1), rs.getString(2))).list();
    }

    private static SummaryStudent student(java.sql.ResultSet rs) throws SQLException {
        return new SummaryStudent(rs.getString("stn"), rs.getString("name"), rs.getBoolean("applies"),
                rs.getBoolean("follow_up_complete"), rs.getBoolean("certificate_complete"), rs.getBoolean("deceased"),
                rs.getString("education_status"), rs.getString("employment_status"),
                entries(rs.getArray("numbers"), rs.getArray("clusters"), rs.getArray("results")),
                Set.of((String[]) rs.getArray("teachers").getArray()));
    }

    /** The three arrays come from the same rows in the same order, so they pair up by index. */
    private static List<SummaryStudent.Entry> entries(Array numbers, Array clusters, Array results) throws SQLException {
        String[] n = (String[]) numbers.getArray();
        String[] c = (String[]) clusters.getArray();
        String[] r = (String[]) results.getArray();
        List<SummaryStudent.Entry> entries = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            entries.add(new SummaryStudent.Entry(n[i], c[i], r[i]));
        }
        return entries;
    }
}
