package org.ctims.report.readmodel;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ctims.platform.web.ConflictException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drops the read models and replays the three topics from the beginning, one rebuild at a time.
 * Order matters: the rebuild row is claimed (row lock: a second one, also on another instance, is
 * refused while one is dropping or replaying), the consumers stop, the group's offsets go back to
 * the start, and only then are the tables and the inbox rows emptied (in one transaction, which
 * also records the offsets the replay must reach). If resetting the offsets fails nothing was
 * dropped; if emptying fails the replay finds every event in the inbox and changes nothing.
 * {@link #status()} reports how far the replay is, from the group's committed offsets.
 */
@Service
class Rebuild {

    static final String GROUP = "report";
    static final List<String> BINDINGS = List.of("rosterEnrollments-in-0", "followupReports-in-0", "catalog-in-0");
    private static final Duration GROUP_EMPTY_WAIT = Duration.ofSeconds(30);
    /** A rebuild still "dropping" after this long died with its instance; a new one may start. */
    private static final Duration ABANDONED = Duration.ofMinutes(15);
    private static final TypeReference<Map<String, long[]>> OFFSETS = new TypeReference<>() {
    };

    private final BindingsLifecycleController bindings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String brokers;
    private final List<String> topics;
    private final JsonMapper json = JsonMapper.shared();

    Rebuild(BindingsLifecycleController bindings, JdbcClient jdbc, TransactionTemplate transaction,
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${ctims.report.enrollments-topic}") String enrollments,
            @Value("${ctims.report.reports-topic}") String reports,
            @Value("${ctims.report.catalog-topic}") String catalog) {
        this.bindings = bindings;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.brokers = brokers;
        this.topics = List.of(enrollments, reports, catalog);
    }

    /**
     * Where the rebuild is. {@code events} = records to replay (at the start), {@code replayed}
     * = of them consumed so far, {@code remaining}; null while unknown (not replaying, broker away).
     */
    record Status(String state, Instant startedAt, String startedBy, Instant finishedAt, Long events, Long replayed,
                  Long remaining, String error) {

        boolean running() {
            return switch (state) {
                case "dropping" -> startedAt != null && startedAt.isAfter(Instant.now().minus(ABANDONED));
                case "replaying" -> true;
                default -> false;
            };
        }
    }

    /** Returns when the consumers run again; the replay itself continues in the background. */
    Status start(String startedBy) {
        claim(startedBy);
        BINDINGS.forEach(bindings::stop);
        try {
            Map<String, long[]> offsets = rewindGroup();
            transaction.executeWithoutResult(status -> {
                jdbc.sql("truncate student, enrollment, report_certification, report_state, report_version, "
                        + "catalog_assessment, catalog_cluster").update();
                jdbc.sql("delete from inbox where consumer in ('report.enrollments', 'report.reports', 'report.catalog')")
                        .update();
                jdbc.sql("update rebuild set state = 'replaying', offsets = ?::jsonb where id = 1")
                        .param(json.writeValueAsString(offsets)).update();
            });
        } catch (RuntimeException e) {
            jdbc.sql("update rebuild set state = 'failed', finished_at = now(), error = ? where id = 1")
                    .param(String.valueOf(e.getMessage())).update();
            throw e;
        } finally {
            BINDINGS.forEach(bindings::start);
        }
        return status();
    }

    /** Claims the rebuild row, or refuses while another rebuild drops or replays. */
    private void claim(String startedBy) {
        Status current = status();
        transaction.executeWithoutResult(tx -> {
            String state = jdbc.sql("select state from rebuild where id = 1 for update").query(String.class).single();
            // the row lock orders two claims; the second sees the first's state here
            if (!state.equals(current.state()) || current.running()) {
                throw new ConflictException("rebuild-running", "A rebuild of the read models is already running ("
                        + state + "); see GET /api/reports/read-models/rebuild.");
            }
            jdbc.sql("""
                    update rebuild set state = 'dropping', started_at = now(), started_by = ?, finished_at = null,
                        offsets = null, error = null where id = 1""")
                    .param(startedBy).update();
        });
    }

    /** The rebuild's state; a replay that reached its end offsets is recorded as done. */
    Status status() {
        Status row = jdbc.sql("select state, started_at, started_by, finished_at, offsets::text, error from rebuild where id = 1")
                .query((rs, i) -> {
                    Status s = new Status(rs.getString(1), instant(rs.getTimestamp(2)), rs.getString(3),
                            instant(rs.getTimestamp(4)), null, null, null, rs.getString(6));
                    return rs.getString(5) == null ? s : progress(s, json.readValue(rs.getString(5), OFFSETS));
                })
                .single();
        if ("replaying".equals(row.state()) && row.remaining() != null && row.remaining() == 0) {
            jdbc.sql("update rebuild set state = 'done', finished_at = now() where id = 1 and state = 'replaying'").update();
            return new Status("done", row.startedAt(), row.startedBy(), Instant.now(), row.events(), row.replayed(), 0L, null);
        }
        return row;
    }

    private Status progress(Status s, Map<String, long[]> offsets) {
        if (!"replaying".equals(s.state())) {
            return s;
        }
        Map<TopicPartition, OffsetAndMetadata> committed;
        try (Admin admin = admin()) {
            committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return s; // the broker is away: progress unknown
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return s;
        }
        long events = 0;
        long remaining = 0;
        for (Map.Entry<String, long[]> e : offsets.entrySet()) {
            int slash = e.getKey().lastIndexOf('/');
            TopicPartition partition = new TopicPartition(e.getKey().substring(0, slash),
                    Integer.parseInt(e.getKey().substring(slash + 1)));
            long first = e.getValue()[0];
            long end = e.getValue()[1];
            OffsetAndMetadata at = committed.get(partition);
            events += end - first;
            remaining += Math.max(0, end - (at == null ? first : at.offset()));
        }
        return new Status(s.state(), s.startedAt(), s.startedBy(), s.finishedAt(), events, events - remaining, remaining,
                s.error());
    }

    /** Moves group {@code report} to the start of every partition; returns per partition [start, end]. */
    private Map<String, long[]> rewindGroup() {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> {
                    earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest());
                    latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                });
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                    admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            starts.forEach((partition, info) -> start.put(partition, new OffsetAndMetadata(info.offset())));
            // The stopped consumers leave the group within moments; until then the broker refuses
            // to move the offsets of a group with members, so try again for a while.
            long deadline = System.nanoTime() + GROUP_EMPTY_WAIT.toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(GROUP, start).all().get(30, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Cannot rewind consumer group " + GROUP, e.getCause());
                    }
                    Thread.sleep(500);
                }
            }
            // the consumers are stopped, so nothing consumed moves; new events may still arrive and
            // are replayed too, but the progress shown counts up to these ends
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
            Map<String, long[]> offsets = new HashMap<>();
            starts.forEach((partition, info) -> offsets.put(partition.topic() + "/" + partition.partition(),
                    new long[] {info.offset(), ends.get(partition).offset()}));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rewinding consumer group " + GROUP, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the topics' offsets", e);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
