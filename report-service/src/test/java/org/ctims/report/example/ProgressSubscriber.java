package org.ctims.report.example;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example subscriber of {@code report.progress.v1} that docs/REPORT-CONSUMERS.md walks
 * through: plain Kafka clients and a JSON parser, nothing from CTIMS. It reads from the beginning
 * of the topic in its own consumer group, skips events it has already handled (delivery is at least
 * once: de-duplicate on {@code ce_id}), ignores event types it does not know (new types may be
 * added), keeps the newest figures per school and year, and commits offsets only after handling.
 */
public final class ProgressSubscriber implements AutoCloseable {

    public static final String SCHOOL_PROGRESS = "ctims.report.school-progress-changed.v1";
    public static final String TEACHER_PROGRESS = "ctims.report.teacher-progress-changed.v1";
    public static final String SCHOOL_COMPLETED = "ctims.report.school-follow-up-completed.v1";

    /** One handled event: its CloudEvents attributes, the record key (organization PID) and the payload. */
    public record Event(String id, String type, String subject, String time, String key, JsonNode payload) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Set<String> handled = new HashSet<>();
    private final Map<String, JsonNode> schools = new HashMap<>();
    private final List<Event> events = new ArrayList<>();

    public ProgressSubscriber(String brokers, String topic, String group) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // a new group starts at the beginning
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");   // commit after handling
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once, handles what arrived, commits; returns the events handled for the first time. */
    public List<Event> poll(Duration timeout) {
        List<Event> fresh = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            String id = header(record, "ce_id");
            String type = header(record, "ce_type");
            if (id == null || !handled.add(id)) {
                continue; // a redelivery
            }
            JsonNode payload = json.readTree(record.value());
            Event event = new Event(id, type, header(record, "ce_subject"), header(record, "ce_time"), record.key(), payload);
            if (SCHOOL_PROGRESS.equals(type)) {
                schools.put(payload.get("organizationPid").asString() + "/" + payload.get("schoolYear").asString(), payload);
            } else if (!TEACHER_PROGRESS.equals(type) && !SCHOOL_COMPLETED.equals(type)) {
                continue; // a type this subscriber does not know yet
            }
            events.add(event);
            fresh.add(event);
        }
        consumer.commitSync();
        return fresh;
    }

    /** The newest figures of a school and year seen so far. */
    public Optional<JsonNode> school(String pid, String year) {
        return Optional.ofNullable(schools.get(pid + "/" + year));
    }

    /** Every event handled so far, in the order handled. */
    public List<Event> events() {
        return List.copyOf(events);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
