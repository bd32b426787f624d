package org.ctims.followup.report;

import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes a report's completion flags when the roster changes what they depend on (the
 * grade decides whether the follow-up applies). Not a save: no version, history or event.
 */
@Component
public class ReportCompletion {

    private final ReportRepository reports;

    ReportCompletion(ReportRepository reports) {
        this.reports = reports;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void refresh(UUID reportId) {
        reports.find(reportId).ifPresent(r -> reports.saveCompletion(reportId, Completion.of(r.grade(), r.answers())));
    }
}
