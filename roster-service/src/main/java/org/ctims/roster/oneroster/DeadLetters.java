package org.ctims.roster.oneroster;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Parks a record the intake cannot apply on {@code error.<topic>.roster} (the topic the binder's
 * dead-letter queue uses), unchanged, with the binder's dead-letter headers: the reason in
 * {@code x-exception-message}, where it came from in {@code x-original-topic},
 * {@code x-original-partition}, {@code x-original-offset}. The batch consumer publishes its dead
 * letters itself, so one record goes there while the rest of its poll is applied. A send returns only
 * once the broker acknowledged it; if it cannot, the exception reaches the binder and the poll is
 * delivered again (the inbox makes that harmless).
 */
@Component
class DeadLetters {

    private static final String GROUP = "roster";

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    DeadLetters(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${ctims.roster.inbound-topic}") String inboundTopic) {
        this.topic = "error." + inboundTopic + "." + GROUP;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    void park(InboundRecord record, String reason, Class<?> cause) {
        ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(topic, record.key(), record.payload());
        record.headers().forEach((name, value) -> {
            if (!name.startsWith("kafka_") && !name.equals("id") && !name.equals("timestamp")) {
                byte[] bytes = value instanceof byte[] b ? b : value == null ? null : value.toString().getBytes(StandardCharsets.UTF_8);
                letter.headers().add(name, bytes);
            }
        });
        letter.headers().add("x-original-topic", utf8(record.topic()))
                .add("x-original-partition", utf8(String.valueOf(record.partition())))
                .add("x-original-offset", utf8(String.valueOf(record.offset())))
                .add("x-exception-message", utf8(reason))
                .add("x-exception-fqcn", utf8(cause.getName()));
        try {
            producer.send(letter).get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while parking " + record.position(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not park " + record.position() + " on the dead-letter topic", e);
        }
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
