package org.ctims.testing;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** One Kafka broker per test JVM, started on first use; see {@link TestInfrastructure} for the order. */
final class KafkaBrokers {

    private static String bootstrapServers;

    private KafkaBrokers() {
    }

    static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = start();
        }
        return bootstrapServers;
    }

    private static String start() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.2");
            container.start();
            // No shutdown hook: Testcontainers' reaper removes the container after the JVM ends
            // (see below for why the broker must outlive the Spring contexts).
            return container.getBootstrapServers();
        }
        String configured = System.getenv("CTIMS_TEST_KAFKA_BROKERS");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // Single-node settings: internal topics with one partition/replica and no rebalance delay
        // cut the start-up and every consumer group's first join by seconds.
        broker.brokerProperties(Map.of(
                "offsets.topic.num.partitions", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "1",
                "auto.create.topics.enable", "true"));
        try {
            broker.afterPropertiesSet();
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("""
                    The in-JVM Kafka broker did not start. Start Docker (Testcontainers is used when it is \
                    available) or set CTIMS_TEST_KAFKA_BROKERS to a running broker.""", ex);
        }
        // No shutdown hook: shutdown hooks run concurrently, and a broker stopped before the cached
        // Spring contexts close makes every context's producer wait 30 s for it on close. The
        // broker's threads end with the test JVM.
        return broker.getBrokersAsString();
    }
}
