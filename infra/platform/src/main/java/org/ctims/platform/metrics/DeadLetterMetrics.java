package org.ctims.platform.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The dead-letter topics of this service's consumers ({@code error.<destination>.<group>}) seen
 * from outside: how many parked messages each holds (end offset minus start offset over its
 * partitions; a topic not created yet holds none). Read from the broker at most every 30 s, so
 * a scrape never waits on Kafka more than once in that time; when the broker cannot be asked the
 * last figures stay.
 */
class DeadLetterMetrics implements MeterBinder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterMetrics.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(30);
    private static final Duration ASK_FOR = Duration.ofSeconds(5);

    private final KafkaAdmin kafkaAdmin;
    private final List<String> topics;
    private final Clock clock;
    private Admin admin;
    private Map<String, Long> held = Map.of();
    private Instant takenAt = Instant.MIN;

    DeadLetterMetrics(KafkaAdmin kafkaAdmin, BindingServiceProperties bindings, Clock clock) {
        this.kafkaAdmin = kafkaAdmin;
        this.clock = clock;
        this.topics = deadLetterTopics(bindings);
    }

    /** Every consumer binding (one with a group) parks into error.<destination>.<group>. */
    static List<String> deadLetterTopics(BindingServiceProperties bindings) {
        return bindings.getBindings().values().stream()
                .filter(b -> b.getGroup() != null && b.getDestination() != null)
                .flatMap(b -> Arrays.stream(b.getDestination().split(","))
                        .map(destination -> "error." + destination.trim() + "." + b.getGroup()))
                .distinct().sorted().toList();
    }

    List<String> topics() {
        return topics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String topic : topics) {
            Gauge.builder("ctims.dead.letters", this, metrics -> metrics.held(topic))
                    .tag("topic", topic)
                    .description("messages parked in this dead-letter topic (kept until its retention ends)")
                    .register(registry);
        }
    }

    synchronized double held(String topic) {
        Instant now = clock.instant();
        if (takenAt.plus(FRESH_FOR).isBefore(now)) {
            try {
                held = ask();
                takenAt = now;
            } catch (Exception e) {
                log.warn("Could not read the dead-letter topics' offsets, keeping the last figures: {}", e.toString());
                takenAt = now; // do not ask again at every scrape while the broker is away
            }
        }
        return held.getOrDefault(topic, 0L);
    }

    private Map<String, Long> ask() throws Exception {
        if (admin == null) {
            admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        }
        Set<String> existing = admin.listTopics().names().get(ASK_FOR.toMillis(), TimeUnit.MILLISECONDS);
        List<String> present = topics.stream().filter(existing::contains).toList();
        Map<String, Long> counts = new HashMap<>();
        topics.forEach(t -> counts.put(t, 0L));
        if (present.isEmpty()) {
            return counts;
        }
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames()
                .get(ASK_FOR.toMillis(), TimeUnit.MILLISECONDS);
        Set<TopicPartition> partitions = described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
        var latest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                .all().get(ASK_FOR.toMillis(), TimeUnit.MILLISECONDS);
        var earliest = admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                .all().get(ASK_FOR.toMillis(), TimeUnit.MILLISECONDS);
        for (TopicPartition p : partitions) {
            counts.merge(p.topic(), latest.get(p).offset() - earliest.get(p).offset(), Long::sum);
        }
        return counts;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
