package org.ctims.bench.roster;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ctims.bench.Target;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Http;
import org.ctims.bench.harness.Machine;
import org.ctims.bench.harness.Result;
import org.postgresql.PGConnection;

/**
 * Issue 4's benchmark: a roster of {@code schools × 1,510} OneRoster records pushed into
 * {@code sis.oneroster.v1} and timed until the roster service has stored every canonical
 * enrollment and its outbox is empty (every enrollment event published). Baselines in the same
 * run: a plain Kafka consumer reading the same records from the topic, and PostgreSQL {@code COPY}
 * of the same rows into tables shaped like the roster service's raw tables.
 */
public final class RosterIngestBench {

    static final String TOPIC = "sis.oneroster.v1";
    static final long STATEWIDE_RECORDS = 1_000_000;

    private final Target target;
    private final StatewideRoster roster;
    private final String sis;
    private final Duration timeout;

    public RosterIngestBench(Target target, int schools, Duration timeout) {
        this.target = target;
        this.sis = "bench-sis-" + System.currentTimeMillis();
        this.roster = new StatewideRoster(sis, schools, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        this.timeout = timeout;
    }

    public StatewideRoster roster() {
        return roster;
    }

    public Result run() throws Exception {
        Map<TopicPartition, Long> before = endOffsets();
        long inboxBefore = count("select count(*) from roster.inbox where consumer = 'roster.oneroster'");
        String loadBefore = Machine.loadAverage();
        long t0 = System.nanoTime();
        produce();
        Duration produced = Duration.ofNanos(System.nanoTime() - t0);
        Progress progress = awaitIngest(t0, inboxBefore);
        String loadAfter = Machine.loadAverage();

        Duration consumed = rawConsumer(before, endOffsets());
        Duration copied = copy();

        long records = roster.records();
        double copyRate = records / seconds(copied);
        double consumerRate = records / seconds(consumed);
        List<String> details = new ArrayList<>();
        details.add("N = " + Format.count(records) + " OneRoster records (" + roster.schools() + " schools × 1,510: "
                + Format.count((long) roster.schools() * StatewideRoster.STUDENTS_PER_SCHOOL) + " grade-12 students with user,"
                + " demographics and 3 enrollments each; 3 teachers and classes per school), "
                + Format.count(roster.studentEnrollments()) + " canonical enrollments to store and publish");
        details.add("Pushed with one producer in " + Format.seconds(produced) + "; load average before/after the ingest: "
                + loadBefore + " / " + loadAfter);
        details.add("Baselines: plain Kafka consumer (new group, same records, no processing): " + Format.seconds(consumed)
                + " = " + Format.rate(consumerRate, "records") + "; `COPY` of the same rows into tables like the roster"
                + " service's raw tables (same indexes): " + Format.seconds(copied) + " = " + Format.rate(copyRate, "rows"));
        details.addAll(progress.notes());
        double rate;
        String figure;
        if (progress.published() != null) {
            rate = records / seconds(progress.published());
            figure = Format.rate(rate, "records") + " (" + Format.seconds(progress.published()) + " until stored and published)";
            details.add("Stored (every canonical enrollment in the table) after " + Format.seconds(progress.stored())
                    + "; published (outbox empty) after " + Format.seconds(progress.published()));
        } else {
            rate = progress.processed() / seconds(progress.elapsed());
            figure = Format.rate(rate, "records") + " (timed out after " + Format.seconds(progress.elapsed()) + ": "
                    + Format.count(progress.processed()) + " of " + Format.count(records) + " records applied)";
        }
        double statewideSeconds = STATEWIDE_RECORDS / rate;
        details.add("Extrapolated linearly to the statewide 1,000,000 records at this rate: "
                + Format.seconds(Duration.ofMillis((long) (statewideSeconds * 1000)))
                + " (an extrapolation, not a measurement: larger tables may slow it down)");
        double ratio = rate / copyRate;
        boolean met = ratio >= 0.3 && statewideSeconds < 180;
        return new Result("Roster ingest, " + Format.count(records) + " OneRoster records", figure,
                "COPY " + Format.rate(copyRate, "rows") + "; Kafka consumer " + Format.rate(consumerRate, "records"),
                Format.ratio(ratio) + " COPY; " + Format.ratio(rate / consumerRate) + " the consumer",
                "≥ 0.3× COPY; 1,000,000 records < 3 min",
                Result.verdict(met, Format.ratio(ratio) + " COPY, statewide ≈ "
                        + Format.seconds(Duration.ofMillis((long) (statewideSeconds * 1000)))), details);
    }

    private void produce() throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.brokers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "ctims-bench-sis"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            roster.forEach(rec -> {
                ProducerRecord<byte[], byte[]> message = new ProducerRecord<>(TOPIC, bytes(rec.key()),
                        Http.JSON.writeValueAsBytes(rec.json()));
                message.headers().add("ce_id", bytes(UUID.randomUUID().toString()))
                        .add("ce_specversion", bytes("1.0")).add("ce_type", bytes(rec.ceType()))
                        .add("ce_source", bytes(sis)).add("ce_time", bytes(rec.json().get("dateLastModified").toString()))
                        .add("content-type", bytes("application/json"));
                producer.send(message, (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("Kafka did not take the roster: " + failure.get(), failure.get());
        }
    }

    record Progress(Duration stored, Duration published, long processed, Duration elapsed, List<String> notes) {
    }

    private Progress awaitIngest(long t0, long inboxBefore) throws Exception {
        long deadline = t0 + timeout.toNanos();
        Duration stored = null;
        long processed = 0;
        List<String> notes = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            processed = count("select count(*) from roster.inbox where consumer = 'roster.oneroster'") - inboxBefore;
            long enrollments = count("select count(*) from roster.enrollment where sis = '" + sis + "'");
            if (stored == null && enrollments >= roster.studentEnrollments()) {
                stored = Duration.ofNanos(System.nanoTime() - t0);
            }
            if (stored != null && count("select count(*) from roster.outbox") == 0) {
                return new Progress(stored, Duration.ofNanos(System.nanoTime() - t0), processed,
                        Duration.ofNanos(System.nanoTime() - t0), notes);
            }
        }
        long rejected = count("select count(*) from roster.rejected_record where sis = '" + sis + "'");
        notes.add("Timed out after " + timeout.toSeconds() + " s: " + Format.count(processed) + " records applied, "
                + rejected + " rejected, " + count("select count(*) from roster.enrollment where sis = '" + sis + "'")
                + " enrollments stored, " + count("select count(*) from roster.outbox") + " events still in the outbox");
        return new Progress(stored, null, processed, Duration.ofNanos(System.nanoTime() - t0), notes);
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
        }
    }

    private Duration rawConsumer(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(to.keySet());
            to.keySet().forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
            long expected = to.entrySet().stream().mapToLong(e -> e.getValue() - from.getOrDefault(e.getKey(), 0L)).sum();
            long read = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + timeout.toNanos();
            while (read < expected && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                read += records.count();
            }
            return Duration.ofNanos(System.nanoTime() - t0);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.brokers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ctims-bench-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** COPY of the same rows, one {@code COPY} per table, into a scratch schema; timed including the commit. */
    private Duration copy() throws Exception {
        Map<String, StringBuilder> text = new HashMap<>();
        roster.forEach(rec -> {
            StringBuilder out = text.computeIfAbsent(rec.table(), t -> new StringBuilder());
            out.append(rec.row().stream().map(RosterIngestBench::copyValue).collect(Collectors.joining("\t"))).append('\n');
        });
        try (Connection db = target.database(); Statement statement = db.createStatement()) {
            statement.execute("drop schema if exists bench_copy cascade");
            statement.execute("create schema bench_copy");
            for (String table : StatewideRoster.COLUMNS.keySet()) {
                statement.execute("create table bench_copy." + table + " (like roster." + table + " including all)");
            }
            db.setAutoCommit(false);
            long t0 = System.nanoTime();
            for (Map.Entry<String, StringBuilder> entry : text.entrySet()) {
                String columns = "sis, sourced_id, status, date_last_modified, "
                        + String.join(", ", StatewideRoster.COLUMNS.get(entry.getKey()));
                db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_copy." + entry.getKey() + " (" + columns
                        + ") from stdin", new StringReader(entry.getValue().toString()));
            }
            db.commit();
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            db.setAutoCommit(true);
            statement.execute("drop schema bench_copy cascade");
            return took;
        }
    }

    private static String copyValue(Object value) {
        return value == null ? "\\N" : value.toString();
    }

    private long count(String sql) throws SQLException {
        try (Connection db = target.database(); PreparedStatement statement = db.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
