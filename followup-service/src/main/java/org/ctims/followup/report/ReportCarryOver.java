package org.ctims.followup.report;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ctims.platform.audit.AuditActor;
import org.ctims.platform.audit.AuditEntry;
import org.ctims.platform.audit.AuditLog;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * When the SIS corrects a student's STN, the roster moves the student's enrollments to the new
 * STN (a removal under the old one, an addition under the new one, same enrollment id). The
 * answers entered under the old STN follow them: they are saved into the new STN's report, if
 * nobody has saved that one yet, as a save by {@value #ROSTER} — version, history (every answer
 * from nothing to its value) and {@code report-saved} with flag events, like any save. The old
 * report keeps its answers and is marked removed once its last enrollment left.
 */
@Component
public class ReportCarryOver {

    static final String ROSTER = "roster";

    private final ReportRepository reports;
    private final ReportEvents events;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    ReportCarryOver(ReportRepository reports, ReportEvents events, JdbcClient jdbc, AuditLog audit) {
        this.reports = reports;
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Carries the answers of {@code from} over to {@code to} if the two are the same organization
     * and year under different STNs, {@code from} was saved and {@code to} never was.
     *
     * @return whether anything was carried over
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean carryOver(UUID from, UUID to, Instant at) {
        // The same row lock as a save: a teacher saving the new report meanwhile comes first or after, never both.
        jdbc.sql("select id from report where id = ? for update").param(to).query().listOfRows();
        StoredReport old = reports.find(from).orElseThrow();
        StoredReport fresh = reports.find(to).orElseThrow();
        if (old.lastSavedAt() == null || fresh.lastSavedAt() != null || old.stn().equals(fresh.stn())
                || !old.organizationPid().equals(fresh.organizationPid()) || !old.schoolYear().equals(fresh.schoolYear())) {
            return false;
        }
        Answers answers = old.answers();
        int version = fresh.version() + 1;
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        String byName = "Roster: STN changed from " + old.stn();
        reports.saveAnswers(to, version, answers, Completion.of(fresh.grade(), answers), ROSTER, byName, now);
        List<Change> changes = Change.between(fresh.answers(), answers);
        reports.addHistory(to, version, ROSTER, byName, now, changes);
        events.saved(ReportView.of(fresh), ReportView.of(reports.find(to).orElseThrow()));
        audit.record(AuditActor.system(ROSTER), AuditEntry.of("followup.report.carry-over")
                .organization(fresh.organizationPid(), fresh.schoolYear()).students(List.of(fresh.stn(), old.stn()))
                .records(List.of(to.toString(), from.toString()))
                .details(Map.of("version", version, "fields", changes.stream().map(Change::field).distinct().toList())));
        return true;
    }
}
