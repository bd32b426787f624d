package org.ctims.roster;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Pushes OneRoster records to the inbound topic the way an SIS connector does (a raw producer, CloudEvents headers as bytes). */
final class SisFeed implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final String sis;

    SisFeed(String brokers, String topic, String sis) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.sis = sis;
    }

    String sis() {
        return sis;
    }

    /** Sends each record with a new event id; returns the last id. */
    String send(OneRosterRecords.Builder... records) {
        String id = null;
        for (OneRosterRecords.Builder record : records) {
            id = UUID.randomUUID().toString();
            send(id, record.ceType(), record.key(), record.bytes());
        }
        return id;
    }

    /** Sends the record again with the same event id (a redelivery). */
    void redeliver(String eventId, OneRosterRecords.Builder record) {
        send(eventId, record.ceType(), record.key(), record.bytes());
    }

    /** Sends anything, e.g. a malformed payload; {@code eventId} null sends no ce_id. */
    void send(String eventId, String ceType, String key, byte[] payload) {
        send(eventId, ceType, key, payload, "application/json".getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a record with this content-type header (raw bytes, may be anything). */
    void send(String eventId, String ceType, String key, byte[] payload, byte[] contentType) {
        ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(topic, bytes(key), payload);
        if (eventId != null) {
            message.headers().add("ce_id", bytes(eventId));
        }
        if (ceType != null) {
            message.headers().add("ce_type", bytes(ceType));
        }
        message.headers().add("ce_source", bytes(sis)).add("ce_specversion", bytes("1.0")).add("content-type", contentType);
        try {
            producer.send(message).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
