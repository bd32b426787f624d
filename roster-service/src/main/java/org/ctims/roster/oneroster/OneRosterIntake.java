package org.ctims.roster.oneroster;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

import org.ctims.platform.events.CloudEvents;
import org.ctims.roster.rejection.RejectedRecord;
import org.ctims.roster.rejection.Rejections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * The consumer of {@code sis.oneroster.v1} (binding {@code oneRoster-in-0}, group {@code roster}):
 * one OneRoster record per message, its type in {@code ce_type}, the SIS in {@code ce_source}.
 * A valid record is applied once ({@link RosterIngest}); an invalid one is recorded as rejected and
 * rethrown as an {@link InvalidRecordException}, which the binder sends to
 * {@code error.<destination>.roster} without retries while later records keep flowing.
 */
@Component("oneRoster")
class OneRosterIntake implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(OneRosterIntake.class);

    private final OneRosterParser parser = new OneRosterParser();
    private final RosterIngest ingest;
    private final Rejections rejections;

    OneRosterIntake(RosterIngest ingest, Rejections rejections) {
        this.ingest = ingest;
        this.rejections = rejections;
    }

    @Override
    public void accept(Message<byte[]> message) {
        String sis = attribute(message, "source").orElse(null);
        String type = CloudEvents.type(message).orElse(null);
        Optional<String> eventId = CloudEvents.id(message);
        OneRosterRecord record;
        try {
            record = parser.parse(sis, type, message.getPayload());
            if (eventId.isEmpty()) {
                throw new InvalidRecordException("The record has no CloudEvents id (ce_id header)", type,
                        record.header().sourcedId(), null);
            }
        } catch (InvalidRecordException e) {
            String key = key(message).orElseGet(() -> e.sourcedId() == null ? null
                    : RecordType.ofCeType(type).map(t -> t.shortName() + ":" + e.sourcedId()).orElse(e.sourcedId()));
            log.info("Rejected OneRoster record {} from {}: {}", key, sis, e.reason());
            rejections.record(new RejectedRecord(eventId.orElse(null), sis == null ? "unknown" : sis,
                    e.schoolSourcedId(), type, key, e.reason(), excerpt(message.getPayload())));
            throw e;
        }
        ingest.apply(eventId.get(), record);
    }

    /** A CloudEvents attribute in any of the header forms it arrives in ({@code ce_x}, {@code ce-x}, bytes or text). */
    static Optional<String> attribute(Message<?> message, String name) {
        for (String prefix : new String[] {"ce_", "ce-", "ce."}) {
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

    private static Optional<String> key(Message<?> message) {
        Object key = message.getHeaders().get("kafka_receivedMessageKey");
        if (key instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(key).map(Object::toString);
    }

    private static String excerpt(byte[] payload) {
        if (payload == null) {
            return null;
        }
        int length = Math.min(payload.length, 2_000);
        return new String(payload, 0, length, StandardCharsets.UTF_8);
    }
}
