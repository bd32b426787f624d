package org.ctims.local.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends OneRoster records to {@code sis.oneroster.v1} the way an SIS connector does: a plain
 * producer, one record per message, CloudEvents binary-mode headers. Every send must be
 * acknowledged by the broker ({@code acks=all}) before the loader goes on to wait for the roster
 * service, so "sent" really means "on the topic".
 */
public final class RosterPublisher implements AutoCloseable {

    public static final String TOPIC = "sis.oneroster.v1";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String sis;

    public RosterPublisher(String brokers, String sis) {
        // the producer logs its whole configuration at INFO: keep the launcher's console to one line per step
        if (System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
        }
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "ctims-local-demo-data",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.sis = sis;
    }

    /** Sends all records (batched by the producer) and waits until the broker has acknowledged each. */
    public void publish(List<RosterRecord> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (RosterRecord record : records) {
            acks.add(producer.send(message(record)));
        }
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending the demo rosters", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take the demo rosters: " + e, e);
        }
    }

    private ProducerRecord<byte[], byte[]> message(RosterRecord record) {
        ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(TOPIC, bytes(record.key()), record.json());
        message.headers()
                .add("ce_id", bytes(record.eventId(sis)))
                .add("ce_specversion", bytes("1.0"))
                .add("ce_type", bytes(record.ceType()))
                .add("ce_source", bytes(sis))
                // the time of the change, not of sending: a replay carries the same headers
                .add("ce_time", bytes(record.dateLastModified()))
                .add("content-type", bytes("application/json"));
        return message;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
