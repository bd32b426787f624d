package org.ctims.roster.oneroster;

import java.util.LinkedHashSet;
import java.util.Set;

import org.ctims.platform.events.Inbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one valid OneRoster record in one transaction: once per event id (inbox), only if newer
 * than what is stored, then resolves again every enrollment that depended on the record before or
 * depends on it after (a changed reference moves enrollments in and out) and publishes changes.
 */
@Service
public class RosterIngest {

    static final String CONSUMER = "roster.oneroster";

    private final Inbox inbox;
    private final RosterStore store;
    private final EnrollmentRefresher enrollments;

    RosterIngest(Inbox inbox, RosterStore store, EnrollmentRefresher enrollments) {
        this.inbox = inbox;
        this.store = store;
        this.enrollments = enrollments;
    }

    /** @return whether the record changed anything stored */
    @Transactional
    public boolean apply(String eventId, OneRosterRecord record) {
        boolean[] changed = {false};
        inbox.runOnce(CONSUMER, eventId, () -> changed[0] = applyNewer(record));
        return changed[0];
    }

    private boolean applyNewer(OneRosterRecord record) {
        RecordHeader header = record.header();
        Set<String> affected = new LinkedHashSet<>(enrollments.affectedBy(header));
        if (!store.save(record)) {
            return false;
        }
        affected.addAll(enrollments.affectedBy(header));
        enrollments.refresh(header.sis(), affected);
        return true;
    }
}
