package org.ctims.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.utils.Utils;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.kafka.KafkaTopics;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctims.testing.kafka.KafkaTopics.header;
import static org.ctims.testing.kafka.KafkaTopics.key;

/** The relay's batches: order per key, exactly the records a producer binding makes, real acknowledgements. */
@SpringBootTest(classes = EventsTestApplication.class, properties = "ctims.outbox.max-attempts=2")
@ActiveProfiles(EventsTestApplication.PROFILE)
@RealInfrastructure
class OutboxBatchIntegrationTests {

    @Autowired
    Outbox outbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Value("${spring.cloud.stream.kafka.binder.brokers}")
    String brokers;

    @Test
    void manyKeysOverSeveralPartitionsArePublishedOnceEachInTheirOrderWithTheHeadersOfAProducerBinding() {
        String topic = "batch-" + UUID.randomUUID();
        int keys = 200;
        int perKey = 10;
        List<OutgoingEvent> events = new ArrayList<>();
        for (int seq = 0; seq < perKey; seq++) {
            for (int k = 0; k < keys; k++) {
                events.add(new OutgoingEvent(UUID.randomUUID(), EventsTestApplication.TYPE, "/ctims/batch-test", "pid-" + k,
                        Instant.now(), "stn-" + k, Map.of("seq", seq, "text", "batched")));
            }
        }
        transactions.executeWithoutResult(status -> outbox.publishAll(topic, events));

        await().atMost(Duration.ofSeconds(90)).until(() -> pending(topic) == 0);
        List<ConsumerRecord<byte[], byte[]>> records = KafkaTopics.readAll(brokers, topic);
        assertThat(records.stream().map(r -> header(r, CloudEvents.ID)))
                .as("every committed event exactly once")
                .containsExactlyInAnyOrderElementsOf(events.stream().map(e -> e.id().toString()).toList());
        int partitions = records.stream().mapToInt(ConsumerRecord::partition).max().orElseThrow() + 1;
        assertThat(partitions).isGreaterThan(1);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = records.stream()
                .collect(Collectors.groupingBy(KafkaTopics::key, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byKey.entrySet()) {
            List<ConsumerRecord<byte[], byte[]>> ofKey = entry.getValue().stream()
                    .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset)).toList();
            assertThat(ofKey.stream().map(ConsumerRecord::partition).distinct()).as("partitions of %s", entry.getKey())
                    .containsExactly(Utils.toPositive(Utils.murmur2(entry.getKey().getBytes(StandardCharsets.UTF_8))) % partitions);
            assertThat(ofKey.stream().map(r -> JsonMapper.shared().readTree(r.value()).path("seq").asInt()))
                    .as("order of %s", entry.getKey()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }

        // The first row of a new destination goes through StreamBridge: every other record must look like it.
        ConsumerRecord<byte[], byte[]> byStreamBridge = records.stream()
                .filter(r -> events.get(0).id().toString().equals(header(r, CloudEvents.ID))).findFirst().orElseThrow();
        List<String> names = names(byStreamBridge);
        assertThat(names).contains("ce_id", "ce_type", "ce_source", "ce_time", "ce_specversion", "ce_subject",
                "contentType", "message-type", "spring_json_header_types");
        Map<String, OutgoingEvent> eventsById = events.stream().collect(Collectors.toMap(e -> e.id().toString(), e -> e));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            OutgoingEvent event = eventsById.get(header(record, CloudEvents.ID));
            assertThat(names(record)).isEqualTo(names);
            for (String same : List.of("ce_type", "ce_source", "ce_specversion", "contentType", "message-type",
                    "spring_json_header_types")) {
                assertThat(header(record, same)).as(same).isEqualTo(header(byStreamBridge, same));
            }
            assertThat(header(record, "ce_subject")).isEqualTo(event.subject());
            // stored with PostgreSQL's microseconds
            assertThat(java.time.OffsetDateTime.parse(header(record, "ce_time")).toInstant())
                    .isCloseTo(event.time(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MICROS));
            assertThat(key(record)).isEqualTo(event.key());
            assertThat(JsonMapper.shared().readTree(record.value()))
                    .isEqualTo(JsonMapper.shared().valueToTree(event.payload()));
        }
    }

    @Test
    void aRecordTheBrokerRefusesInABatchIsNotDeletedWhileTheOthersOfItsBatchAre() throws Exception {
        // One partition with a small record limit: the large record travels in the same batches as the others,
        // and the broker refuses it alone.
        String topic = "refusing-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("max.message.bytes", "20000"))))
                    .all().get();
        }
        String first = write(topic, "stn-first", 0, "binds the destination");
        await().until(() -> pending(topic) == 0);

        List<OutgoingEvent> batch = new ArrayList<>();
        for (int k = 0; k < 60; k++) {
            batch.add(OutgoingEvent.of(EventsTestApplication.TYPE, "stn-" + k, Map.of("seq", 0, "text", "small")));
            if (k == 30) {
                batch.add(OutgoingEvent.of(EventsTestApplication.TYPE, "stn-large", Map.of("seq", 0, "text", "x".repeat(50_000))));
                batch.add(OutgoingEvent.of(EventsTestApplication.TYPE, "stn-large", Map.of("seq", 1, "text", "waits")));
            }
        }
        transactions.executeWithoutResult(status -> outbox.publishAll(topic, batch));
        String refused = batch.get(31).id().toString();
        String heldBack = batch.get(32).id().toString();

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select parked_at is not null from outbox where event_id = ?::uuid", Boolean.class, refused));
        Map<String, Object> parked = jdbc.queryForMap("select attempts, last_error from outbox where event_id = ?::uuid", refused);
        assertThat(parked.get("attempts")).isEqualTo(2);
        assertThat((String) parked.get("last_error")).contains("RecordTooLargeException");
        assertThat(jdbc.queryForMap("select attempts, parked_at from outbox where event_id = ?::uuid", heldBack))
                .containsEntry("attempts", 0).containsEntry("parked_at", null);
        assertThat(pending(topic)).as("only the refused row and the one it holds back").isEqualTo(2);

        Set<String> published = KafkaTopics.readAll(brokers, topic).stream()
                .map(r -> header(r, CloudEvents.ID)).collect(Collectors.toSet());
        assertThat(published).hasSize(61).contains(first).doesNotContain(refused, heldBack);
        assertThat(published).containsAll(batch.stream().filter(e -> e.key().startsWith("stn-") && !e.key().equals("stn-large"))
                .map(e -> e.id().toString()).toList());
    }

    private String write(String topic, String key, int seq, String text) {
        return transactions.execute(status -> outbox.publish(topic, key, EventsTestApplication.TYPE,
                Map.of("seq", seq, "text", text))).toString();
    }

    private int pending(String topic) {
        return jdbc.queryForObject("select count(*) from outbox where destination = ?", Integer.class, topic);
    }

    private static List<String> names(ConsumerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }
}
