package org.ctims.followup.report;

import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a report's completion flags when the roster changes what they depend on (the
 * grade decides whether the follow-up applies). Not a save: no version, history or
 * {@code report-saved}; but a flag that changes is announced like after a save
 * ({@code follow-up-reopened} …), so subscribers to completion never miss one.
 */
@Component
public class ReportCompletion {

    private final ReportRepository reports;
    private final ReportEvents events;
    private final JdbcClient jdbc;

    ReportCompletion(ReportRepository reports, ReportEvents events, JdbcClient jdbc) {
        this.reports = reports;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** @param at when the roster changed (the {@code ce_time} of the flag events) */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refresh(UUID reportId, Instant at) {
        reports.find(reportId).ifPresent(r -> {
            boolean[] was = jdbc.sql("select follow_up_complete, certificate_complete from report where id = ?")
                    .param(reportId)
                    .query((rs, i) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                    .single();
            Completion now = Completion.of(r.grade(), r.answers());
            reports.saveCompletion(reportId, now);
            // A report nobody saved has nothing complete to announce (the events name the last save).
            if (r.lastSavedAt() != null) {
                events.flagsChanged(was[0], was[1], ReportView.of(r), at);
            }
        });
    }
}
