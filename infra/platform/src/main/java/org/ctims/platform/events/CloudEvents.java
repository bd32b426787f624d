package org.ctims.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.messaging.Message;

/**
 * The CloudEvents 1.0 binary-mode envelope on Kafka: attributes travel as {@code ce_*} record
 * headers, the JSON payload is the record value ({@code content-type: application/json}), the
 * record key is the ordering key.
 *
 * <p>Consumers read attributes with {@link #id(Message)} and {@link #type(Message)} rather than
 * looking up a header by name: the same attribute arrives as {@code ce_id} or {@code ce-id}
 * (Spring Cloud Function renames it), as a {@code String} or as {@code byte[]} (raw producers).
 */
public final class CloudEvents {

    /** Event id, unique per event; consumers de-duplicate on it. */
    public static final String ID = "ce_id";
    /** Event type, e.g. {@code ctims.followup.report-completed.v1}. */
    public static final String TYPE = "ce_type";
    /** The producing service, e.g. {@code /ctims/followup-service}. */
    public static final String SOURCE = "ce_source";
    /** When the fact happened (RFC 3339). */
    public static final String TIME = "ce_time";
    /** Always {@code 1.0}. */
    public static final String SPECVERSION = "ce_specversion";
    /** Optional subject, e.g. the organization PID the event is about. */
    public static final String SUBJECT = "ce_subject";

    private CloudEvents() {
    }

    /** The event id in any of the forms it can arrive in; empty if the message carries none. */
    public static Optional<String> id(Message<?> message) {
        return attribute(message, "id").or(() -> Optional.ofNullable(CloudEventMessageUtils.getId(message)));
    }

    /** The event type in any of the forms it can arrive in; empty if the message carries none. */
    public static Optional<String> type(Message<?> message) {
        return attribute(message, "type");
    }

    /**
     * The event time, which orders the events of one key (a replayed or late older event changes
     * nothing). Every CTIMS producer sets it, so a missing or malformed time rejects the event.
     */
    public static Instant requireTime(Message<?> message) {
        String text = attribute(message, "time")
                .orElseThrow(() -> new RejectedEventException("The event has no ce_time"));
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedEventException("ce_time '" + text + "' is not a time");
        }
    }

    private static Optional<String> attribute(Message<?> message, String name) {
        for (String prefix : new String[] { "ce_", "ce-", "ce." }) {
            Object value = message.getHeaders().get(prefix + name);
            if (value instanceof byte[] bytes) {
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
            if (value != null) {
                return Optional.of(value.toString());
            }
        }
        return Optional.empty();
    }
}
