package org.ctims.followup.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.ctims.platform.events.RejectedEventException;
import org.springframework.messaging.Message;

/**
 * The CloudEvents {@code ce_time} of a consumed event, in any header form it arrives in. It orders
 * the events of one key: a replayed or late older event changes nothing. An event without one is
 * rejected (every CTIMS producer sets it).
 */
public final class EventTime {

    private EventTime() {
    }

    public static Instant of(Message<?> message) {
        for (String name : new String[] {"ce_time", "ce-time", "ce.time"}) {
            Object value = message.getHeaders().get(name);
            if (value != null) {
                String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
                try {
                    return OffsetDateTime.parse(text).toInstant();
                } catch (DateTimeParseException e) {
                    throw new RejectedEventException("ce_time '" + text + "' is not a time");
                }
            }
        }
        throw new RejectedEventException("The event has no ce_time");
    }
}
