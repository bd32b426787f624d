package org.ctims.platform.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event to publish through the {@link Outbox}.
 *
 * @param id unique event id ({@code ce_id}); consumers de-duplicate on it
 * @param type event type ({@code ce_type}), e.g. {@code ctims.followup.report-completed.v1}
 * @param source producing service ({@code ce_source}); {@code null} = {@code ctims.events.source}
 * @param subject optional subject ({@code ce_subject}), e.g. the organization PID
 * @param time when the fact happened ({@code ce_time})
 * @param key the Kafka record key that keeps order (STN, assessment number, organization PID)
 * @param payload the event's facts, written as JSON by Jackson (a record, a map or a {@code JsonNode})
 */
public record OutgoingEvent(UUID id, String type, String source, String subject, Instant time, String key, Object payload) {

    public OutgoingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(key, "key: events need an ordering key");
        Objects.requireNonNull(payload, "payload");
    }

    /** A new event with a random id, the current time and the service's default source. */
    public static OutgoingEvent of(String type, String key, Object payload) {
        return new OutgoingEvent(UUID.randomUUID(), type, null, null, Instant.now(), key, payload);
    }

    /** The same event about the given subject (e.g. an organization PID). */
    public OutgoingEvent withSubject(String subject) {
        return new OutgoingEvent(id, type, source, subject, time, key, payload);
    }
}
