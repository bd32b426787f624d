package org.ctims.followup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the events this service consumes, shaped like the roster and certification services
 * publish them (CloudEvents binary mode), so the tests exercise the real consumers.
 */
final class Feeds implements AutoCloseable {

    static final JsonMapper json = JsonMapper.shared();

    private final KafkaProducer<byte[], byte[]> producer;
    private final String enrollments;
    private final String catalog;

    Feeds(String brokers, String enrollments, String catalog) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.enrollments = enrollments;
        this.catalog = catalog;
    }

    /** Sends one event and waits for the broker's acknowledgement; returns its id. */
    String send(String topic, String key, String type, String id, Instant time, byte[] payload) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), payload);
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "/ctims/test");
        header(record, "ce_specversion", "1.0");
        header(record, "ce_time", time == null ? null : time.toString());
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    String enrollment(String type, Map<String, Object> payload, Instant time) {
        return enrollment(type, payload, time, UUID.randomUUID().toString());
    }

    String enrollment(String type, Map<String, Object> payload, Instant time, String id) {
        @SuppressWarnings("unchecked")
        String stn = (String) ((Map<String, Object>) payload.get("student")).get("stn");
        return send(enrollments, stn, type, id, time, json.writeValueAsBytes(payload));
    }

    void rawEnrollment(String key, String type, byte[] payload) {
        send(enrollments, key, type, UUID.randomUUID().toString(), Instant.now(), payload);
    }

    void rawCatalog(String key, String type, byte[] payload) {
        send(catalog, key, type, UUID.randomUUID().toString(), Instant.now(), payload);
    }

    void assessment(String year, String number, String name, List<String> clusters, boolean retired) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("schoolYear", year);
        payload.put("number", number);
        payload.put("name", name);
        payload.put("vendor", "Vendor");
        payload.put("clusters", clusters);
        String type = "ctims.certification.assessment-published.v1";
        if (retired) {
            payload.put("retiredAt", Instant.now().toString());
            type = "ctims.certification.assessment-retired.v1";
        }
        sendCatalog(year + ":" + number, type, payload, Instant.now());
    }

    /** Sends a catalog event after checking it against the certification service's own schema file. */
    void sendCatalog(String key, String type, Map<String, Object> payload, Instant time) {
        String schema = "certification-service/src/main/resources/events/" + type.substring("ctims.certification.".length()) + ".schema.json";
        List<String> violations = EventSchemas.producerViolations(schema, json.valueToTree(payload));
        if (!violations.isEmpty()) {
            throw new IllegalStateException("The test's sample breaks the producer's schema: " + violations);
        }
        send(catalog, key, type, UUID.randomUUID().toString(), time, json.writeValueAsBytes(payload));
    }

    void cluster(String year, String code, String name) {
        sendCatalog(year + ":cluster:" + code, "ctims.certification.cluster-published.v1",
                Map.of("schoolYear", year, "code", code, "name", name), Instant.now());
    }

    @Override
    public void close() {
        producer.close();
    }
}
