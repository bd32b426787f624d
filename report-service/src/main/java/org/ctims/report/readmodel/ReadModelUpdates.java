package org.ctims.report.readmodel;

import org.ctims.platform.events.CloudEvents;
import org.ctims.platform.events.Inbox;
import org.ctims.report.progress.CompletionChange;
import org.ctims.report.progress.ProgressAnnouncements;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one consumed event to the read models, at most once per event id: the inbox row and the
 * effect commit together, so a redelivered event is skipped.
 */
@Service
class ReadModelUpdates {

    private final Inbox inbox;
    private final ReadModel readModel;
    private final ProgressAnnouncements progress;

    ReadModelUpdates(Inbox inbox, ReadModel readModel, ProgressAnnouncements progress) {
        this.inbox = inbox;
        this.readModel = readModel;
        this.progress = progress;
    }

    @Transactional
    public void enrollment(Message<byte[]> message) {
        // parsed before the inbox so that an invalid event is rejected, never recorded as processed
        EnrollmentEvent event = EnrollmentEvent.parse(EventFields.type(message), message.getPayload());
        var time = CloudEvents.requireTime(message);
        inbox.runOnce("report.enrollments", message, () -> readModel.enrollment(event, time));
    }

    /** A newer report version whose completion flags changed is announced as progress (same transaction). */
    @Transactional
    public void report(Message<byte[]> message) {
        var event = ReportEvent.parse(EventFields.type(message), message.getPayload());
        var time = CloudEvents.requireTime(message);
        inbox.runOnce("report.reports", message, () -> event.ifPresent(e -> {
            ReadModel.ReportApplied applied = readModel.report(e, time);
            if (applied.newer()) {
                progress.reportSaved(new CompletionChange(e.reportId(), e.version(), e.stn(), e.schoolYear(),
                        e.organizationPid(), e.savedAt() == null ? time : e.savedAt(), applied.followUpBefore(),
                        e.followUpComplete(), applied.certificateBefore(), e.certificateComplete()));
            }
        }));
    }

    @Transactional
    public void catalog(Message<byte[]> message) {
        CatalogEvent event = CatalogEvent.parse(EventFields.type(message), message.getPayload());
        var time = CloudEvents.requireTime(message);
        inbox.runOnce("report.catalog", message, () -> readModel.catalog(event, time));
    }
}
