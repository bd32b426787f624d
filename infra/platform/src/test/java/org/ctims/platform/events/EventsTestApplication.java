package org.ctims.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A tiny service: writes notes and publishes them through the outbox, consumes them through the inbox. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(EventsTestApplication.Notes.class)
class EventsTestApplication {

    static final String GROUP = "platform-tests";
    static final String TYPE = "ctims.test.note-written.v1";

    /** The profile whose properties (application-eventstest.properties) configure this app. */
    static final String PROFILE = "eventstest";

    @Bean
    @ConditionalOnBooleanProperty(name = "ctims.test.consume", matchIfMissing = true)
    Consumer<Message<byte[]>> notes(Notes notes) {
        return notes::consume;
    }

    /** Thrown for a note the consumer can never process. */
    static class PoisonNoteException extends RejectedEventException {
        PoisonNoteException(String message) {
            super(message);
        }
    }

    static class Notes {

        private final Queue<String> deliveries = new ConcurrentLinkedQueue<>();
        private final JdbcTemplate jdbc;
        private final Outbox outbox;
        private final Inbox inbox;
        private final JsonMapper json = JsonMapper.shared();

        Notes(JdbcTemplate jdbc, Outbox outbox, Inbox inbox) {
            this.jdbc = jdbc;
            this.outbox = outbox;
            this.inbox = inbox;
        }

        /** How many times the consumer was called with this event id (retries and redeliveries included). */
        public long deliveries(String eventId) {
            return deliveries.stream().filter(eventId::equals).count();
        }

        /** The state change and its event, in one transaction. */
        @Transactional
        public String write(String destination, String key, int seq, String text) {
            jdbc.update("insert into note (note_key, text) values (?, ?)", key, text);
            return outbox.publish(destination, key, TYPE, Map.of("seq", seq, "text", text)).toString();
        }

        @Transactional
        public void writeAll(String destination, List<String> keys, int perKey) {
            for (int seq = 0; seq < perKey; seq++) {
                for (String key : keys) {
                    write(destination, key, seq, "bulk");
                }
            }
        }

        @Transactional
        public void consume(Message<byte[]> message) {
            deliveries.add(CloudEvents.id(message).orElse("?"));
            JsonNode note = json.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
            if ("poison".equals(note.path("text").asString())) {
                throw new PoisonNoteException("note " + CloudEvents.id(message).orElse("?") + " is poison");
            }
            inbox.runOnce("notes", message, () -> jdbc.update(
                    "insert into received (event_id, event_key, seq, event_type, event_source) values (?, ?, ?, ?, ?)",
                    CloudEvents.id(message).orElseThrow(), key(message), note.path("seq").asInt(),
                    CloudEvents.type(message).orElse(null), String.valueOf(message.getHeaders().get("ce-source"))));
        }

        private static String key(Message<?> message) {
            Object key = message.getHeaders().get("kafka_receivedMessageKey");
            return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
        }
    }
}
