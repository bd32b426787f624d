package org.ctims.roster.oneroster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.ctims.platform.events.Inbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies valid OneRoster records: once per event id (inbox), only if newer than what is stored, then
 * resolves again every enrollment that depended on a changed record before or depends on it after
 * (a changed reference moves enrollments in and out) and publishes what changed.
 *
 * <p>{@link #applyBatch} does this for a whole poll in one transaction with set-based statements (a
 * handful per record type, not per record); {@link #apply} for one record (uploads and the
 * record-by-record fallback of a failed batch). Both follow the same rules, so a batch ends in the
 * same state as its records applied one by one in order, except that a record's intermediate
 * versions within one batch are not published: only the batch's result is.
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

    /** A valid record and the id of the event that carried it. */
    public record Incoming(String eventId, OneRosterRecord record) {
    }

    /** @return whether the record changed anything stored */
    @Transactional
    public boolean apply(String eventId, OneRosterRecord record) {
        return !applyBatch(List.of(new Incoming(eventId, record))).isEmpty();
    }

    /**
     * Applies the records in one transaction.
     *
     * @return the event ids whose record changed what is stored (a record older than or as old as the
     *         stored one, a record seen before and a record superseded by a newer one in the same batch
     *         change nothing)
     */
    @Transactional
    public Set<String> applyBatch(List<Incoming> records) {
        Set<String> fresh = inbox.firstTime(CONSUMER, eventIds(records));
        // Per SIS and type, the newest version of each record in this batch (an equal one later changes nothing).
        // Sorted by SIS: the order in which SIS write locks are taken (RosterStore.lockWritesOf).
        Map<String, Map<RecordType, Map<String, Incoming>>> newest = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Incoming incoming : records) {
            if (!fresh.contains(incoming.eventId()) || !seen.add(incoming.eventId())) {
                continue;
            }
            RecordHeader header = incoming.record().header();
            newest.computeIfAbsent(header.sis(), sis -> new LinkedHashMap<>())
                    .computeIfAbsent(header.type(), type -> new LinkedHashMap<>())
                    .merge(header.sourcedId(), incoming, (kept, later) ->
                            later.record().header().dateLastModified().isAfter(kept.record().header().dateLastModified()) ? later : kept);
        }
        Set<String> changedEvents = new HashSet<>();
        newest.forEach((sis, byType) -> {
            store.lockWritesOf(sis);
            Set<String> affected = new LinkedHashSet<>();
            Map<RecordType, List<OneRosterRecord>> winners = new LinkedHashMap<>();
            byType.forEach((type, bySourcedId) -> {
                // Sorted: two intakes writing the same rows lock them in the same order.
                List<OneRosterRecord> candidates = bySourcedId.values().stream().map(Incoming::record)
                        .sorted(Comparator.comparing(r -> r.header().sourcedId())).toList();
                List<OneRosterRecord> newer = store.newerThanStored(sis, type, candidates);
                if (!newer.isEmpty()) {
                    winners.put(type, newer);
                    affected.addAll(enrollments.affectedBy(sis, type, sourcedIds(newer)));
                }
            });
            Map<RecordType, Set<String>> changed = new LinkedHashMap<>();
            winners.forEach((type, newer) -> changed.put(type, store.saveAll(sis, type, newer)));
            changed.forEach((type, ids) -> {
                affected.addAll(enrollments.affectedBy(sis, type, ids));
                ids.forEach(id -> changedEvents.add(byType.get(type).get(id).eventId()));
            });
            enrollments.refresh(sis, affected);
        });
        return changedEvents;
    }

    /** The sourcedIds of this SIS's active records of this type that are not among {@code listed}. */
    @Transactional(readOnly = true)
    public List<String> activeNotListed(String sis, RecordType type, String[] listed) {
        return store.activeNotListed(sis, type, listed);
    }

    private static List<String> eventIds(Collection<Incoming> records) {
        return records.stream().map(Incoming::eventId).toList();
    }

    private static List<String> sourcedIds(List<OneRosterRecord> records) {
        List<String> ids = new ArrayList<>(records.size());
        records.forEach(r -> ids.add(r.header().sourcedId()));
        return ids;
    }
}
