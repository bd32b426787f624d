package org.ctims.testing.kafka;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads topics with a plain Kafka consumer, to see exactly what went over the wire. */
public final class KafkaTopics {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** All records of {@code topic} from the beginning, once {@code done} holds for them. */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(String brokers, String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        return readUntil(brokers, topic, record -> true, done);
    }

    /** The records of {@code topic} matching {@code filter}, read from the beginning until {@code done} holds for them. */
    public static List<ConsumerRecord<byte[], byte[]>> readUntil(String brokers, String topic,
            Predicate<ConsumerRecord<byte[], byte[]>> filter, Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(brokers)) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            await().atMost(WAIT).until(() -> {
                poll(consumer, filter, records);
                return done.test(records);
            });
        }
        return records;
    }

    /** Every record now in {@code topic}: reads up to the end offsets taken when called. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String brokers, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(brokers)) {
            List<TopicPartition> partitions = assignFromBeginning(consumer, topic);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(WAIT).until(() -> {
                poll(consumer, record -> true, records);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return records;
    }

    /** A header's value as text, or null when the record has none. */
    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    public static String value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String brokers) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> assignFromBeginning(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        await().atMost(WAIT).until(() -> !consumer.partitionsFor(topic).isEmpty());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private static void poll(KafkaConsumer<byte[], byte[]> consumer, Predicate<ConsumerRecord<byte[], byte[]>> filter,
            List<ConsumerRecord<byte[], byte[]>> into) {
        consumer.poll(Duration.ofMillis(100)).forEach(record -> {
            if (filter.test(record)) {
                into.add(record);
            }
        });
    }
}
