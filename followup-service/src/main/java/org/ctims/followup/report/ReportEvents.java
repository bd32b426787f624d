package org.ctims.followup.report;

import java.time.Instant;
import java.util.UUID;

import org.ctims.platform.events.Outbox;
import org.ctims.platform.events.OutgoingEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code followup.reports.v1} through the outbox, keyed by STN (one student's events stay
 * in order), {@code ce_subject} = organization PID: {@code report-saved} (the full {@link ReportView}) on every save, plus one
 * event per completion flag that changed with it; a flag changed by the roster (grade) alone gets its flag event too.
 */
@Component
class ReportEvents {

    static final String SAVED = "ctims.followup.report-saved.v1";
    static final String FOLLOW_UP_COMPLETED = "ctims.followup.follow-up-completed.v1";
    static final String FOLLOW_UP_REOPENED = "ctims.followup.follow-up-reopened.v1";
    static final String CERTIFICATIONS_COMPLETED = "ctims.followup.certifications-completed.v1";
    static final String CERTIFICATIONS_REOPENED = "ctims.followup.certifications-reopened.v1";

    private final Outbox outbox;
    private final String topic;

    ReportEvents(Outbox outbox, @Value("${ctims.followup.reports-topic}") String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    void saved(ReportView before, ReportView after) {
        // ReportSaved carries the report exactly as GET /api/followups/{id} answers it.
        publish(SAVED, after, after);
        if (before.followUpComplete() != after.followUpComplete()) {
            publish(after.followUpComplete() ? FOLLOW_UP_COMPLETED : FOLLOW_UP_REOPENED, after, CompletionChanged.of(after));
        }
        if (before.certificateComplete() != after.certificateComplete()) {
            publish(after.certificateComplete() ? CERTIFICATIONS_COMPLETED : CERTIFICATIONS_REOPENED, after,
                    CompletionChanged.of(after));
        }
    }

    /** Flag events only, for a roster change that changed a flag without a save (ce_time = {@code at}). */
    void flagsChanged(boolean followUpBefore, boolean certificateBefore, ReportView after, Instant at) {
        if (followUpBefore != after.followUpComplete()) {
            publish(after.followUpComplete() ? FOLLOW_UP_COMPLETED : FOLLOW_UP_REOPENED, after, CompletionChanged.of(after), at);
        }
        if (certificateBefore != after.certificateComplete()) {
            publish(after.certificateComplete() ? CERTIFICATIONS_COMPLETED : CERTIFICATIONS_REOPENED, after,
                    CompletionChanged.of(after), at);
        }
    }

    private void publish(String type, ReportView report, Object payload) {
        publish(type, report, payload, report.lastSavedAt() == null ? Instant.now() : report.lastSavedAt());
    }

    private void publish(String type, ReportView report, Object payload, Instant time) {
        outbox.publish(topic, new OutgoingEvent(UUID.randomUUID(), type, null, report.organization().pid(), time,
                report.stn(), payload));
    }

    /**
     * A completion flag changed with a save ({@code follow-up-completed}, {@code follow-up-reopened},
     * {@code certifications-completed}, {@code certifications-reopened}).
     */
    record CompletionChanged(UUID reportId, String stn, String schoolYear, String organizationPid, int version,
                             boolean followUpComplete, boolean certificateComplete, ReportView.Saver savedBy,
                             Instant savedAt) {
        static CompletionChanged of(ReportView r) {
            return new CompletionChanged(r.id(), r.stn(), r.schoolYear(), r.organization().pid(), r.version(),
                    r.followUpComplete(), r.certificateComplete(), r.lastSavedBy(), r.lastSavedAt());
        }
    }
}
