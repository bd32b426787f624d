package org.ctims.platform.events;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a consumer idempotent: remembers, in the caller's transaction, which event ids a consumer
 * has processed, so a redelivered event (Kafka delivers at least once) has its effect only once.
 * Call it in the same transaction as the effect; if the effect rolls back, so does the inbox row.
 *
 * <pre>{@code
 * @Transactional
 * public void on(Message<EnrollmentRecorded> message) {
 *     inbox.runOnce("followup.enrollments", message, () -> replica.upsert(message.getPayload()));
 * }
 * }</pre>
 */
public class Inbox {

    private final JdbcTemplate jdbc;

    Inbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records that {@code consumer} processes {@code eventId}.
     *
     * @return {@code true} the first time, {@code false} for a duplicate
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(String consumer, String eventId) {
        return jdbc.update("""
                insert into inbox (consumer, event_id, processed_at) values (?, ?, now())
                on conflict do nothing""", consumer, eventId) == 1;
    }

    /**
     * Records that {@code consumer} processes these event ids, in one statement (batch consumers).
     *
     * @return the ids seen for the first time; duplicates, within the list or processed before, are not
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Set<String> firstTime(String consumer, Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                insert into inbox (consumer, event_id, processed_at) select ?, id, now() from unnest(?::text[]) as ids(id)
                on conflict do nothing returning event_id""", String.class, consumer,
                eventIds.stream().distinct().toArray(String[]::new)));
    }

    /**
     * Runs {@code effect} only the first time {@code consumer} sees {@code eventId}.
     *
     * @return whether the effect ran
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean runOnce(String consumer, String eventId, Runnable effect) {
        if (!firstTime(consumer, eventId)) {
            return false;
        }
        effect.run();
        return true;
    }

    /**
     * Runs {@code effect} only the first time {@code consumer} sees the message's CloudEvents id.
     *
     * @return whether the effect ran
     * @throws RejectedEventException if the message has no event id (it goes to the dead-letter topic)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean runOnce(String consumer, Message<?> message, Runnable effect) {
        String id = CloudEvents.id(message)
                .orElseThrow(() -> new RejectedEventException("The event has no CloudEvents id (ce_id header)"));
        return runOnce(consumer, id, effect);
    }
}
