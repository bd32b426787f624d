package org.ctims.bench.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ctims.bench.Target;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Machine;
import org.ctims.bench.harness.Result;

/**
 * The platform's outbox relay on its own: {@code events} rows committed at once into the roster
 * service's outbox (for a bench topic nobody consumes, {@code keys} different keys) and timed until
 * the relay has sent and deleted all of them. Baseline: one plain producer ({@code acks=all},
 * idempotent, like the relay's) sending records of the same size and keys and awaiting every
 * acknowledgement.
 */
public final class RelayDrainBench {

    static final String TOPIC = "bench.relay.v1";

    private final Target target;
    private final int events;
    private final int keys;
    private final Duration timeout;

    public RelayDrainBench(Target target, int events, int keys, Duration timeout) {
        this.target = target;
        this.events = events;
        this.keys = keys;
        this.timeout = timeout;
    }

    public Result run() throws Exception {
        String payload = "{\"bench\": true, \"text\": \"" + "x".repeat(400) + "\"}";
        String loadBefore = Machine.loadAverage();
        long t0;
        try (Connection db = target.database(); PreparedStatement insert = db.prepareStatement("""
                insert into roster.outbox (event_id, destination, event_key, event_type, source, occurred_at, payload)
                select gen_random_uuid(), ?, 'bench-' || (i % ?), 'ctims.bench.relay.v1', '/ctims/bench', now(), ?::jsonb
                from generate_series(1, ?) i""")) {
            insert.setString(1, TOPIC);
            insert.setInt(2, keys);
            insert.setString(3, payload);
            insert.setInt(4, events);
            t0 = System.nanoTime();
            insert.executeUpdate();
        }
        long deadline = t0 + timeout.toNanos();
        long left;
        while ((left = left()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Duration drained = Duration.ofNanos(System.nanoTime() - t0);
        String loadAfter = Machine.loadAverage();
        if (left > 0) {
            try (Connection db = target.database(); Statement statement = db.createStatement()) {
                statement.execute("delete from roster.outbox where destination = '" + TOPIC + "'");
            }
        }
        Duration produced = produce(payload.getBytes(StandardCharsets.UTF_8));
        double rate = (events - left) / (drained.toNanos() / 1e9);
        double baseline = events / (produced.toNanos() / 1e9);
        return new Result("Outbox relay, " + Format.count(events) + " events (" + Format.count(keys) + " keys)",
                Format.rate(rate, "events") + (left > 0 ? " (timed out, " + Format.count(left) + " left)" : ""),
                "plain producer " + Format.rate(baseline, "records"), Format.ratio(rate / baseline) + " the producer",
                "none (statewide roster: ~600,000 enrollment events within the 3-minute ingest)", "measured",
                List.of("Rows committed in one statement into the roster service's outbox for `" + TOPIC
                                + "`, timed until the relay (in the running roster service) deleted the last one: "
                                + Format.seconds(drained) + "; load average before/after: " + loadBefore + " / " + loadAfter,
                        "Baseline: one producer, same brokers, ~0.4 kB records with the same keys, acks=all, idempotent,"
                                + " every acknowledgement awaited: " + Format.seconds(produced)));
    }

    private long left() throws SQLException {
        try (Connection db = target.database(); PreparedStatement count = db.prepareStatement(
                "select count(*) from roster.outbox where destination = ?")) {
            count.setString(1, TOPIC);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Duration produce(byte[] payload) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.brokers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "ctims-bench-relay-baseline"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.partitionsFor(TOPIC + ".baseline");
            long t0 = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(events);
            for (int i = 1; i <= events; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC + ".baseline",
                        ("bench-" + (i % keys)).getBytes(StandardCharsets.UTF_8), payload);
                record.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(60, TimeUnit.SECONDS);
            }
            return Duration.ofNanos(System.nanoTime() - t0);
        }
    }
}
