package org.ctims.report.summary;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A teacher's students of a year at one school, from the read models. */
@Repository
class SummaryRepository {

    private final JdbcClient jdbc;

    SummaryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The students with an active enrollment of {@code staffId} at {@code pid} in {@code year}, each
     * with their report there (highest version; none yet → nothing answered). The follow-up applies
     * when the roster's grade that year is 12, as in the follow-up service.
     */
    List<SummaryStudent> teacherStudents(String pid, String year, String staffId) {
        return jdbc.sql("""
                select distinct on (e.stn) e.stn, nullif(concat_ws(', ', st.family_name, st.given_name), '') as name,
                       bool_or(e.grade = 12) over (partition by e.stn) as applies,
                       coalesce(r.follow_up_complete, false) as follow_up_complete,
                       coalesce(r.certificate_complete, false) as certificate_complete,
                       r.education_status, r.employment_status,
                       array(select rc.assessment_number from report_certification rc where rc.report_id = r.report_id order by rc.position) as numbers,
                       array(select rc.cluster_code from report_certification rc where rc.report_id = r.report_id order by rc.position) as clusters,
                       array(select rc.result from report_certification rc where rc.report_id = r.report_id order by rc.position) as results
                from enrollment e
                left join student st on st.stn = e.stn
                left join report_state r on r.stn = e.stn and r.organization_pid = e.organization_pid and r.school_year = e.school_year
                where e.organization_pid = :pid and e.school_year = :year and e.teacher_staff_id = :staff and not e.removed
                order by e.stn, r.version desc nulls last""")
                .param("pid", pid).param("year", year).param("staff", staffId)
                .query((rs, i) -> new SummaryStudent(rs.getString("stn"), rs.getString("name"), rs.getBoolean("applies"),
                        rs.getBoolean("follow_up_complete"), rs.getBoolean("certificate_complete"),
                        rs.getString("education_status"), rs.getString("employment_status"),
                        entries(rs.getArray("numbers"), rs.getArray("clusters"), rs.getArray("results"))))
                .list();
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
