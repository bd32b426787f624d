package org.ctims.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Everything on a topic from its first offset to its end, read by a plain consumer without a group. */
final class TopicRecords {

    /** One record as it is on the broker; {@code id} and {@code type} are the CloudEvents headers. */
    record Rec(int partition, long offset, String key, String id, String type, byte[] value, Map<String, String> headers) {

        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private TopicRecords() {
    }

    /** All records of {@code topic} (none when the topic does not exist) that pass {@code filter}. */
    static List<Rec> read(String brokers, String topic, Predicate<Rec> filter) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            if (!consumer.listTopics(Duration.ofSeconds(30)).containsKey(topic)) {
                return List.of();
            }
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<Rec> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(30)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    if (r.offset() >= end.get(new TopicPartition(topic, r.partition()))) {
                        continue;
                    }
                    Map<String, String> headers = new java.util.HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), unquoted(h.value()));
                    }
                    Rec rec = new Rec(r.partition(), r.offset(), key, headers.getOrDefault("ce_id", headers.get("ce-id")),
                            headers.getOrDefault("ce_type", headers.get("ce-type")), r.value(), headers);
                    if (filter.test(rec)) {
                        records.add(rec);
                    }
                }
            }
            return records;
        }
    }

    /** The records whose key is one of {@code keys}. */
    static List<Rec> read(String brokers, String topic, Set<String> keys) {
        return read(brokers, topic, (Predicate<Rec>) r -> keys.contains(r.key()));
    }

    /** A header value; the binder writes String headers as JSON strings ({@code "..."}). */
    private static String unquoted(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
    }
}
