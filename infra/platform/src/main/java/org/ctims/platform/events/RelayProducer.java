package org.ctims.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.cloud.stream.binder.kafka.properties.KafkaBinderConfigurationProperties;
import org.springframework.util.ObjectUtils;

/**
 * The relay's own Kafka producer: the binder's broker and producer settings, idempotent, {@code acks=all}.
 * {@link #sendAll} sends records together and returns, per record, the broker's answer to that very record
 * (its future), so a record counts as delivered only when the broker acknowledged it.
 */
final class RelayProducer implements AutoCloseable {

    private final Supplier<Producer<byte[], byte[]>> factory;
    private Producer<byte[], byte[]> producer;

    RelayProducer(Supplier<Producer<byte[], byte[]>> factory) {
        this.factory = factory;
    }

    /** The settings a producer binding of the binder gets, with idempotence and {@code acks=all} enforced. */
    static Map<String, Object> configuration(KafkaBinderConfigurationProperties binder, String clientId) {
        Map<String, Object> config = new HashMap<>(binder.mergedProducerConfiguration());
        if (ObjectUtils.isEmpty(config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG))) {
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, binder.getKafkaConnectionString());
        }
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }

    /** What became of one record: acknowledged by the broker, failed (and why), or not sent at all. */
    record Delivery(boolean acknowledged, RuntimeException failure) {
        static final Delivery ACKNOWLEDGED = new Delivery(true, null);
        static final Delivery NOT_SENT = new Delivery(false, null);
    }

    /**
     * Sends the records, flushes, and returns one {@link Delivery} per record in the same order. A record
     * counts as acknowledged only when its own future completed without error. Once a send fails at once for
     * a retriable reason (no metadata: the broker is away), the remaining records are not sent, so a wave
     * does not wait {@code max.block.ms} for each of them.
     */
    List<Delivery> sendAll(List<ProducerRecord<byte[], byte[]>> records) {
        Producer<byte[], byte[]> current = producer();
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        List<Delivery> results = new ArrayList<>(records.size());
        boolean stopped = false;
        for (ProducerRecord<byte[], byte[]> record : records) {
            futures.add(null);
            if (stopped) {
                results.add(Delivery.NOT_SENT);
                continue;
            }
            try {
                Future<RecordMetadata> future = current.send(record);
                futures.set(futures.size() - 1, future);
                results.add(null);
                stopped = future.isDone() && outcome(future).failure() instanceof RetriableException;
            }
            catch (RuntimeException ex) {
                results.add(new Delivery(false, ex));
                stopped = ex instanceof RetriableException;
            }
        }
        current.flush();
        for (int i = 0; i < records.size(); i++) {
            Future<RecordMetadata> future = futures.get(i);
            if (future != null) {
                results.set(i, outcome(future));
            }
        }
        return results;
    }

    private static Delivery outcome(Future<RecordMetadata> future) {
        try {
            future.get();
            return Delivery.ACKNOWLEDGED;
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause() == null ? ex : ex.getCause();
            return new Delivery(false, cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Delivery(false, new IllegalStateException("Interrupted while waiting for the broker's acknowledgement", ex));
        }
    }

    /** Drops the producer after the broker was away; the next send starts a new one. */
    void reset() {
        close();
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = factory.get();
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        Producer<byte[], byte[]> current = producer;
        producer = null;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
    }
}
