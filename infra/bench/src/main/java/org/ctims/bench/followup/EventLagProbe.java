package org.ctims.bench.followup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ctims.bench.Target;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Http;
import org.ctims.bench.harness.Latencies;
import org.ctims.bench.harness.Result;
import org.ctims.bench.roster.StatewideRoster;

/**
 * Issue 9's event lag, measured while the follow-up benchmark's teachers work: one more teacher
 * saves a report every {@link #PERIOD} straight to the follow-up service, and the time from the
 * save's answer (the report and its outbox row are committed) to the report service's read model
 * holding that version is taken by polling the read model every 5 ms. The baseline, in the same
 * window on the same broker: a plain producer's record ({@code acks=all}) until a plain consumer
 * has it.
 */
public final class EventLagProbe implements AutoCloseable {

    static final Duration PERIOD = Duration.ofMillis(500);
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final Target target;
    private final int teacher;
    private final Latencies lag = new Latencies();
    private final Latencies kafka = new Latencies();
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Long> sent = new ConcurrentHashMap<>();

    /** @param teacher a bench teacher who is not one of the load's (their school's reports are shared, so 409s are retried) */
    public EventLagProbe(Target target, int teacher) {
        this.target = target;
        this.teacher = teacher;
    }

    public EventLagProbe start() throws Exception {
        target.keycloak().ensureTeacher(FollowupSaveBench.username(teacher), FollowupSaveBench.pid(teacher),
                FollowupSaveBench.staffId(teacher));
        String token = target.keycloak().token(FollowupSaveBench.username(teacher), FollowupSaveBench.username(teacher));
        List<String> ids = new ArrayList<>();
        Http.get(target.service("followup") + "/api/followups?org=" + FollowupSaveBench.pid(teacher) + "&year="
                + StatewideRoster.SCHOOL_YEAR + "&teacher=" + FollowupSaveBench.staffId(teacher) + "&size=300", token)
                .expect(200, "the probe teacher's list").json().get("rows").forEach(r -> ids.add(r.get("id").asString()));
        threads.add(daemon("ctims-bench-lag", () -> probeSaves(token, ids)));
        String topic = "bench.lag." + UUID.randomUUID();
        threads.add(daemon("ctims-bench-kafka-consumer", () -> consume(topic)));
        threads.add(daemon("ctims-bench-kafka-producer", () -> produce(topic)));
        return this;
    }

    private void probeSaves(String token, List<String> ids) {
        String base = target.service("followup");
        try (Connection db = target.database();
             PreparedStatement version = db.prepareStatement("select version from report.report_state where report_id = ?::uuid")) {
            int n = 0;
            while (running) {
                String id = ids.get(n++ % ids.size());
                Http.Answer report = Http.get(base + "/api/followups/" + id, token);
                if (report.status() != 200) {
                    lag.error();
                    continue;
                }
                String answers = FollowupSaveBench.answers(n % 2 == 0 ? "not-attending" : "unknown", "unknown");
                Http.Answer save = Http.put(base + "/api/followups/" + id, token, answers,
                        Map.of("If-Match", report.header("ETag")));
                if (save.status() == 409) {
                    continue; // a load teacher saved it first
                }
                if (save.status() != 200) {
                    lag.error();
                    continue;
                }
                long saved = System.nanoTime();
                int expected = save.json().get("version").asInt();
                version.setString(1, id);
                boolean seen = false;
                while (!seen && System.nanoTime() - saved < GIVE_UP.toNanos()) {
                    try (ResultSet rs = version.executeQuery()) {
                        seen = rs.next() && rs.getInt(1) >= expected;
                    }
                    if (!seen) {
                        Thread.sleep(5);
                    }
                }
                if (seen) {
                    lag.add(System.nanoTime() - saved);
                } else {
                    lag.error();
                }
                Thread.sleep(PERIOD.toMillis());
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("event lag probe stopped: " + e);
            }
        }
    }

    private void produce(String topic) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.brokers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            Thread.sleep(3000); // the consumer is assigned its partition
            int n = 0;
            while (running) {
                String key = "k" + n++;
                sent.put(key, System.nanoTime());
                producer.send(new ProducerRecord<>(topic, key, "{\"n\":" + n + "}")).get();
                Thread.sleep(PERIOD.toMillis());
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("kafka baseline producer stopped: " + e);
            }
        }
    }

    private void consume(String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.brokers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Long at = sent.remove(record.key());
                    if (at != null) {
                        kafka.add(System.nanoTime() - at);
                    }
                }
            }
        } catch (Exception e) {
            if (running) {
                System.err.println("kafka baseline consumer stopped: " + e);
            }
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(40).toMillis());
        }
    }

    /** The figures, once closed. */
    public Result result() {
        double ratio = lag.count() == 0 || kafka.count() == 0 ? Double.NaN
                : lag.percentile(95).toNanos() / (double) kafka.percentile(95).toNanos();
        boolean met = lag.count() > 0 && lag.percentile(95).toMillis() < 500 && lag.errors() == 0;
        return new Result("Event lag: save → report read model", lag.count() == 0 ? "no samples"
                : "p50 " + Format.millis(lag.percentile(50)) + ", p95 " + Format.millis(lag.percentile(95)),
                kafka.count() == 0 ? "no samples" : "plain producer → consumer p95 " + Format.millis(kafka.percentile(95)),
                Double.isNaN(ratio) ? "—" : Format.ratio(ratio) + " (lag p95 ÷ Kafka's p95)", "p95 < 500 ms under the save load",
                Result.verdict(met, lag.count() == 0 ? "no samples" : "p95 " + Format.millis(lag.percentile(95))
                        + ", errors " + lag.errors()),
                List.of("One save every " + PERIOD.toMillis() + " ms by " + FollowupSaveBench.username(teacher)
                                + " straight to the follow-up service while the follow-up benchmark ran (both phases); lag "
                                + lag.summary() + "; errors " + lag.errors()
                                + " (save refused or not in the read model within " + GIVE_UP.toSeconds() + " s)",
                        "The path: outbox row committed with the save → relay (polls every 200 ms) → followup.reports.v1 →"
                                + " report service consumer → read model; Kafka baseline " + kafka.summary()));
    }
}
