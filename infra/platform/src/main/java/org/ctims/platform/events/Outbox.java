package org.ctims.platform.events;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes events through the transactional outbox: {@code publish} writes a row to the
 * {@code outbox} table in the caller's transaction (there must be one), so the event exists if and
 * only if the state change commits. The relay sends it to Kafka after commit, in order per key,
 * and deletes it once the broker acknowledged it. Delivery is at least once: consumers
 * de-duplicate with the {@link Inbox}.
 *
 * <pre>{@code
 * @Transactional
 * public void complete(ReportId id) {
 *     reports.save(report.complete());
 *     outbox.publish("followup.reports.v1", report.stn().value(),
 *             "ctims.followup.report-completed.v1", ReportCompleted.of(report));
 * }
 * }</pre>
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final String defaultSource;

    Outbox(JdbcTemplate jdbc, JsonMapper json, String defaultSource) {
        this.jdbc = jdbc;
        this.json = json;
        this.defaultSource = defaultSource;
    }

    /**
     * Records a new event (random id, now) for {@code destination}, e.g. {@code followup.reports.v1}.
     *
     * @return the event id
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(String destination, String key, String type, Object payload) {
        return publish(destination, OutgoingEvent.of(type, key, payload));
    }

    /**
     * Records {@code event} for {@code destination}.
     *
     * @return the event id
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID publish(String destination, OutgoingEvent event) {
        jdbc.update(INSERT, row(destination, event));
        return event.id();
    }

    /**
     * Records {@code events} for {@code destination} in one JDBC batch, in this order (the relay
     * keeps it per key): for consumers that change many things in one transaction.
     *
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishAll(String destination, List<OutgoingEvent> events) {
        if (!events.isEmpty()) {
            jdbc.batchUpdate(INSERT, events.stream().map(event -> row(destination, event)).toList());
        }
    }

    private static final String INSERT = """
            insert into outbox (event_id, destination, event_key, event_type, source, subject, occurred_at, payload)
            values (?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";

    private Object[] row(String destination, OutgoingEvent event) {
        return new Object[] {event.id(), destination, event.key(), event.type(),
                event.source() == null ? defaultSource : event.source(), event.subject(),
                Timestamp.from(event.time()), json.writeValueAsString(event.payload())};
    }
}
