package org.ctims.report.readmodel;

import java.sql.Timestamp;
import java.time.Instant;
import java.sql.Date;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Writes of the read models. Every write is an upsert that only a newer event (later
 * {@code ce_time}, or a higher report version) can change, so replays and stragglers are no-ops
 * even without the inbox.
 */
@Repository
class ReadModel {

    private final JdbcClient jdbc;

    ReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enrollment(EnrollmentEvent e, Instant time) {
        Timestamp at = Timestamp.from(time);
        jdbc.sql("""
                insert into student (stn, given_name, family_name, birth_date, gender, email, event_time)
                values (:stn, :given, :family, :birth, :gender, :email, :at)
                on conflict (stn) do update set given_name = excluded.given_name, family_name = excluded.family_name,
                    birth_date = excluded.birth_date, gender = excluded.gender, email = excluded.email,
                    event_time = excluded.event_time
                where student.event_time < excluded.event_time""")
                .param("stn", e.stn()).param("given", e.givenName()).param("family", e.familyName())
                .param("birth", e.birthDate() == null ? null : Date.valueOf(e.birthDate()))
                .param("gender", e.gender()).param("email", e.email()).param("at", at)
                .update();
        jdbc.sql("""
                insert into enrollment (enrollment_id, school_year, stn, grade, organization_pid, organization_name,
                    teacher_staff_id, teacher_name, division, removed, event_time)
                values (:id, :year, :stn, :grade, :pid, :orgName, :staff, :teacherName, :division, :removed, :at)
                on conflict (enrollment_id) do update set school_year = excluded.school_year, stn = excluded.stn,
                    grade = excluded.grade, organization_pid = excluded.organization_pid,
                    organization_name = excluded.organization_name, teacher_staff_id = excluded.teacher_staff_id,
                    teacher_name = excluded.teacher_name, division = excluded.division, removed = excluded.removed,
                    event_time = excluded.event_time
                where enrollment.event_time < excluded.event_time""")
                .param("id", e.enrollmentId()).param("year", e.schoolYear()).param("stn", e.stn())
                .param("grade", e.grade()).param("pid", e.organizationPid()).param("orgName", e.organizationName())
                .param("staff", e.teacherStaffId()).param("teacherName", e.teacherName())
                .param("division", e.division()).param("removed", e.removed()).param("at", at)
                .update();
    }

    /**
     * The report's state before and after an event: {@code newer} when the event's version replaced
     * what was stored (or was the first seen); the previous flags are false when nothing was stored.
     */
    record ReportApplied(boolean newer, boolean followUpBefore, boolean certificateBefore) {
    }

    ReportApplied report(ReportEvent r, Instant time) {
        Timestamp savedAt = Timestamp.from(r.savedAt() == null ? time : r.savedAt());
        jdbc.sql("""
                insert into report_version (report_id, version, stn, school_year, organization_pid, follow_up_complete,
                    certificate_complete, saved_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(r.reportId(), r.version(), r.stn(), r.schoolYear(), r.organizationPid(), r.followUpComplete(),
                        r.certificateComplete(), savedAt)
                .update();
        var before = jdbc.sql("select follow_up_complete, certificate_complete from report_state where report_id = ? for update")
                .param(r.reportId())
                .query((rs, i) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)}).optional()
                .orElse(new boolean[] {false, false});
        int changed = jdbc.sql("""
                insert into report_state (report_id, version, stn, school_year, organization_pid, grade, removed, deceased,
                    education_status, employment_status, took_certification_test, follow_up_applies,
                    follow_up_complete, certificate_complete, saved_by, saved_at)
                values (:id, :version, :stn, :year, :pid, :grade, :removed, :deceased, :education, :employment,
                    :took, :applies, :followUp, :certificate, :savedBy, :savedAt)
                on conflict (report_id) do update set version = excluded.version, stn = excluded.stn,
                    school_year = excluded.school_year, organization_pid = excluded.organization_pid,
                    grade = excluded.grade, removed = excluded.removed, deceased = excluded.deceased,
                    education_status = excluded.education_status, employment_status = excluded.employment_status,
                    took_certification_test = excluded.took_certification_test,
                    follow_up_applies = excluded.follow_up_applies, follow_up_complete = excluded.follow_up_complete,
                    certificate_complete = excluded.certificate_complete, saved_by = excluded.saved_by,
                    saved_at = excluded.saved_at
                where report_state.version < excluded.version""")
                .param("id", r.reportId()).param("version", r.version()).param("stn", r.stn())
                .param("year", r.schoolYear()).param("pid", r.organizationPid()).param("grade", r.grade())
                .param("removed", r.removed()).param("deceased", r.deceased())
                .param("education", r.educationStatus()).param("employment", r.employmentStatus())
                .param("took", r.tookCertificationTest()).param("applies", r.followUpApplies())
                .param("followUp", r.followUpComplete()).param("certificate", r.certificateComplete())
                .param("savedBy", r.savedBy())
                .param("savedAt", r.savedAt() == null ? null : Timestamp.from(r.savedAt()))
                .update();
        if (changed == 0) {
            return new ReportApplied(false, before[0], before[1]); // an older or the same version: the stored state is newer
        }
        jdbc.sql("delete from report_certification where report_id = ?").param(r.reportId()).update();
        int position = 0;
        for (ReportEvent.Certification c : r.certifications()) {
            jdbc.sql("""
                    insert into report_certification (report_id, position, assessment_number, cluster_code, result)
                    values (?, ?, ?, ?, ?)""")
                    .params(r.reportId(), position++, c.assessmentNumber(), c.clusterCode(), c.result())
                    .update();
        }
        return new ReportApplied(true, before[0], before[1]);
    }

    void catalog(CatalogEvent event, Instant time) {
        Timestamp at = Timestamp.from(time);
        if (event instanceof CatalogEvent.Assessment a) {
            jdbc.sql("""
                    insert into catalog_assessment (school_year, number, name, vendor, clusters, retired, event_time)
                    values (:year, :number, :name, :vendor, string_to_array(:clusters, ','), :retired, :at)
                    on conflict (school_year, number) do update set name = excluded.name, vendor = excluded.vendor,
                        clusters = excluded.clusters, retired = excluded.retired, event_time = excluded.event_time
                    where catalog_assessment.event_time < excluded.event_time""")
                    .param("year", a.schoolYear()).param("number", a.number()).param("name", a.name())
                    .param("vendor", a.vendor()).param("clusters", String.join(",", a.clusters()))
                    .param("retired", a.retired()).param("at", at)
                    .update();
        } else if (event instanceof CatalogEvent.Cluster c) {
            jdbc.sql("""
                    insert into catalog_cluster (school_year, code, name, retired, event_time)
                    values (:year, :code, :name, :retired, :at)
                    on conflict (school_year, code) do update set name = excluded.name, retired = excluded.retired,
                        event_time = excluded.event_time
                    where catalog_cluster.event_time < excluded.event_time""")
                    .param("year", c.schoolYear()).param("code", c.code()).param("name", c.name())
                    .param("retired", c.retired()).param("at", at)
                    .update();
        }
    }
}
