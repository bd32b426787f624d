package org.ctims.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ctims.testing.kafka.KafkaTopics;
import org.ctims.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ctims.testing.kafka.KafkaTopics.header;
import static org.ctims.testing.kafka.KafkaTopics.key;

@SpringBootTest(classes = EventsTestApplication.class, properties = "ctims.outbox.max-attempts=2")
@ActiveProfiles(EventsTestApplication.PROFILE)
@RealInfrastructure
class OutboxAndInboxIntegrationTests {

    @Autowired
    EventsTestApplication.Notes notes;
    @Autowired
    Outbox outbox;
    @Autowired
    Inbox inbox;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    TransactionTemplate transactions;
    @Value("${spring.cloud.stream.kafka.binder.brokers}")
    String brokers;
    @Value("notes${ctims.test.topic-suffix}")
    String topic;

    static {
        org.awaitility.Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
    }

    @Test
    void aCommittedStateChangeIsRelayedAndConsumedWithCloudEventsHeadersAndKey() {
        String id = notes.write(topic, "stn-1", 1, "hello");

        await().until(() -> receivedCount(id) == 1);
        assertThat(jdbc.queryForMap("select event_key, seq, event_type, event_source from received where event_id = ?", id))
                .containsEntry("event_key", "stn-1").containsEntry("seq", 1)
                .containsEntry("event_type", EventsTestApplication.TYPE).containsEntry("event_source", "/ctims/events-test");
        ConsumerRecord<byte[], byte[]> record = KafkaTopics.readUntil(brokers, topic,
                records -> records.stream().anyMatch(r -> id.equals(header(r, "ce_id")))).stream()
                .filter(r -> id.equals(header(r, "ce_id"))).findFirst().orElseThrow();
        assertThat(key(record)).isEqualTo("stn-1");
        assertThat(header(record, "ce_type")).isEqualTo(EventsTestApplication.TYPE);
        assertThat(header(record, "ce_source")).isEqualTo("/ctims/events-test");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_time")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(header(record, "contentType")).contains("application/json");
        assertThat(JsonMapper.shared().readTree(record.value()).path("text").asString()).isEqualTo("hello");
        await().until(() -> outboxRows() == 0);
    }

    @Test
    void publishingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.publish(topic, "stn-x", EventsTestApplication.TYPE, Map.of("seq", 0)))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void aRolledBackTransactionPublishesNothing() {
        UUID rolledBack = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            outbox.publish(topic, new OutgoingEvent(rolledBack, EventsTestApplication.TYPE, null, null,
                    java.time.Instant.now(), "stn-rb", Map.of("seq", 0, "text", "never")));
            status.setRollbackOnly();
        });
        String marker = notes.write(topic, "stn-rb", 1, "marker");

        // The marker was committed after the rolled-back event, on the same key: once it is
        // consumed, the other would have been too.
        await().until(() -> receivedCount(marker) == 1);
        assertThat(receivedCount(rolledBack.toString())).isZero();
        assertThat(notes.deliveries(rolledBack.toString())).isZero();
    }

    @Test
    void eventsPublishedTogetherAreRelayedInTheirOrderAndOnlyIfTheTransactionCommits() {
        List<OutgoingEvent> committed = IntStream.range(0, 5).mapToObj(seq -> OutgoingEvent.of(EventsTestApplication.TYPE,
                "stn-all", Map.of("seq", seq, "text", "together"))).toList();
        UUID rolledBack = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            outbox.publishAll(topic, List.of(new OutgoingEvent(rolledBack, EventsTestApplication.TYPE, null, null,
                    java.time.Instant.now(), "stn-all", Map.of("seq", 99, "text", "never"))));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> outbox.publishAll(topic, committed));

        await().until(() -> receivedCount(committed.get(4).id().toString()) == 1);
        assertThat(jdbc.queryForList("select seq from received where event_key = 'stn-all' order by id", Integer.class))
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(receivedCount(rolledBack.toString())).isZero();
        assertThatThrownBy(() -> outbox.publishAll(topic, committed)).isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void manyEventsKeepTheirOrderPerKey() {
        List<String> keys = List.of("stn-a", "stn-b", "stn-c", "stn-d", "stn-e");
        int perKey = 100;
        notes.writeAll(topic, keys, perKey);

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from received where event_key = any(?::text[])", Integer.class,
                "{" + String.join(",", keys) + "}") == keys.size() * perKey);
        for (String key : keys) {
            List<Integer> seqs = jdbc.queryForList("select seq from received where event_key = ? order by id", Integer.class, key);
            assertThat(seqs).as("order of %s", key).containsExactlyElementsOf(IntStream.range(0, perKey).boxed().toList());
        }
    }

    @Test
    void anEventDeliveredThreeTimesHasOneEffect() throws Exception {
        String id = notes.write(topic, "stn-dup", 7, "once");
        await().until(() -> receivedCount(id) == 1);

        // Two redeliveries as a raw producer sends them: ce_id as bytes.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 2; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes("stn-dup"),
                        bytes("{\"seq\":7,\"text\":\"once\"}"));
                record.headers().add("ce_id", bytes(id)).add("ce_type", bytes(EventsTestApplication.TYPE));
                producer.send(record).get();
            }
        }
        String marker = notes.write(topic, "stn-dup", 8, "marker");

        await().until(() -> receivedCount(marker) == 1);
        assertThat(notes.deliveries(id)).isEqualTo(3);
        assertThat(receivedCount(id)).isEqualTo(1);
    }

    @Test
    void aBatchOfEventIdsIsRecordedInOneGoAndOnlyFirstSightingsAreReturned() {
        String seen = java.util.UUID.randomUUID().toString();
        String fresh = java.util.UUID.randomUUID().toString();
        String repeated = java.util.UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> inbox.firstTime("batch-test", seen));

        java.util.Set<String> first = transactions.execute(status ->
                inbox.firstTime("batch-test", List.of(seen, fresh, repeated, repeated)));

        assertThat(first).containsExactlyInAnyOrder(fresh, repeated);
        java.util.Set<String> again = transactions.execute(status -> inbox.firstTime("batch-test", List.of(fresh, repeated)));
        assertThat(again).isEmpty();
        java.util.Set<String> otherConsumer = transactions.execute(status -> inbox.firstTime("other-consumer", List.of(fresh)));
        assertThat(otherConsumer).containsExactly(fresh);
        java.util.Set<String> none = transactions.execute(status -> inbox.firstTime("batch-test", List.<String>of()));
        assertThat(none).isEmpty();
    }

    @Test
    void aPoisonEventGoesToTheDeadLetterTopicWithItsReasonAndTheNextOnesAreProcessed() {
        String poison = notes.write(topic, "stn-p", 1, "poison");
        String next = notes.write(topic, "stn-p", 2, "fine");

        await().until(() -> receivedCount(next) == 1);
        String dlq = "error." + topic + "." + EventsTestApplication.GROUP;
        ConsumerRecord<byte[], byte[]> dead = KafkaTopics.readUntil(brokers, dlq, records -> !records.isEmpty()).get(0);
        assertThat(header(dead, "ce_id")).isEqualTo(poison);
        assertThat(header(dead, "x-exception-message")).contains("is poison");
        assertThat(header(dead, "x-original-topic")).isEqualTo(topic);
        assertThat(key(dead)).isEqualTo("stn-p");
        assertThat(notes.deliveries(poison)).as("rejected events are not retried").isEqualTo(1);
        assertThat(receivedCount(poison)).isZero();
        // operators see the parked message as a metric of that dead-letter topic
        await().untilAsserted(() -> assertThat(meters.get("ctims.dead.letters").tag("topic", dlq).gauge().value())
                .isEqualTo(1.0));
    }

    @Test
    void aRecordTheBrokerCannotTakeIsParkedAndHoldsBackItsKeyButNotOthers() {
        String tooLarge = notes.write(topic, "stn-k", 1, "x".repeat(1_100_000));
        String heldBack = notes.write(topic, "stn-k", 2, "waits");
        String other = notes.write(topic, "stn-other", 1, "flows");

        await().until(() -> receivedCount(other) == 1);
        await().until(() -> jdbc.queryForObject("select parked_at is not null from outbox where event_id = ?::uuid",
                Boolean.class, tooLarge));
        Map<String, Object> parked = jdbc.queryForMap("select attempts, last_error from outbox where event_id = ?::uuid", tooLarge);
        assertThat(parked.get("attempts")).isEqualTo(2);
        assertThat((String) parked.get("last_error")).contains("RecordTooLargeException");
        assertThat(jdbc.queryForMap("select attempts, parked_at from outbox where event_id = ?::uuid", heldBack))
                .containsEntry("attempts", 0).containsEntry("parked_at", null);
        assertThat(receivedCount(heldBack)).isZero();
    }

    private int receivedCount(String eventId) {
        return jdbc.queryForObject("select count(*) from received where event_id = ?", Integer.class, eventId);
    }

    private int outboxRows() {
        return jdbc.queryForObject("select count(*) from outbox where destination = ?", Integer.class, topic);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

}
