package org.ctims.report.readmodel;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the read models and replays the three topics from the beginning. Order matters: the
 * consumers stop, the group's offsets go back to the start, and only then are the tables and the
 * inbox rows emptied (in one transaction). If resetting the offsets fails nothing was dropped; if
 * emptying fails the replay finds every event in the inbox and changes nothing.
 */
@Service
class Rebuild {

    static final String GROUP = "report";
    static final List<String> BINDINGS = List.of("rosterEnrollments-in-0", "followupReports-in-0", "catalog-in-0");
    private static final Duration GROUP_EMPTY_WAIT = Duration.ofSeconds(30);

    private final BindingsLifecycleController bindings;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final String brokers;
    private final List<String> topics;

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

    /** Returns when the consumers run again; the replay itself continues in the background. */
    synchronized Instant run() {
        BINDINGS.forEach(bindings::stop);
        try {
            rewindGroup();
            transaction.executeWithoutResult(status -> {
                jdbc.sql("truncate student, enrollment, report_certification, report_state, catalog_assessment, catalog_cluster")
                        .update();
                jdbc.sql("delete from inbox where consumer in ('report.enrollments', 'report.reports', 'report.catalog')")
                        .update();
            });
        } finally {
            BINDINGS.forEach(bindings::start);
        }
        return Instant.now();
    }

    private void rewindGroup() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> earliest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.earliest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets =
                    admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
            offsets.forEach((partition, info) -> start.put(partition, new OffsetAndMetadata(info.offset())));
            // The stopped consumers leave the group within moments; until then the broker refuses
            // to move the offsets of a group with members, so try again for a while.
            long deadline = System.nanoTime() + GROUP_EMPTY_WAIT.toNanos();
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(GROUP, start).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Cannot rewind consumer group " + GROUP, e.getCause());
                    }
                    Thread.sleep(500);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rewinding consumer group " + GROUP, e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot read the topics' offsets", e);
        }
    }
}
