package org.ctims.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) started from the
 * Apache Kafka jars that the build copied to {@code infra/local/target/stack/kafka-libs}. The
 * storage is formatted once; data stays in the run folder.
 */
final class KafkaPart extends ChildProcessPart {

    private final StackConfig config;
    private final Path home;

    KafkaPart(StackConfig config) {
        this.config = config;
        this.home = config.runDir().resolve("kafka");
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public List<Integer> portsNeeded() {
        return List.of(config.kafkaPort(), config.kafkaControllerPort());
    }

    @Override
    public void launch() {
        Path libs = config.stackDir().resolve("kafka-libs");
        if (!Files.isDirectory(libs)) {
            throw new StackException("Kafka jars not found in " + libs + ": build first (./mvnw -B -DskipTests install)");
        }
        Path properties = home.resolve("server.properties");
        Path log4j = home.resolve("log4j2.properties");
        Path data = home.resolve("data");
        try {
            Files.createDirectories(data);
            Files.writeString(properties, serverProperties(data));
            Files.writeString(log4j, LOG4J);
        } catch (IOException e) {
            throw new StackException("Kafka: cannot write its configuration in " + home + ": " + e.getMessage(), e);
        }
        List<String> java = new ArrayList<>(List.of(config.java().toString(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                "-cp", libs + "/*"));
        if (!Files.exists(data.resolve("meta.properties"))) {
            Log.info("Kafka: formatting its storage in " + data);
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", properties.toString()));
            ChildProcess.start("kafka storage format", format, Map.of(), home, config.logDir().resolve("kafka-format.log"))
                    .awaitSuccess(Duration.ofSeconds(60));
        }
        List<String> server = new ArrayList<>(java);
        server.addAll(List.of("kafka.Kafka", properties.toString()));
        started(ChildProcess.start("kafka", server, Map.of(), home, config.logDir().resolve("kafka.log")));
    }

    @Override
    public void awaitReady() {
        awaitReady(Duration.ofSeconds(90), () -> Net.listening(config.host(), config.kafkaPort()));
    }

    private String serverProperties(Path data) {
        String host = config.host();
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%1$s:%3$d
                listeners=PLAINTEXT://%1$s:%2$d,CONTROLLER://%1$s:%3$d
                advertised.listeners=PLAINTEXT://%1$s:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
                log.dirs=%4$s
                num.partitions=1
                auto.create.topics.enable=true
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(host, config.kafkaPort(), config.kafkaControllerPort(), data);
    }

    /**
     * Kafka's cluster id format: 16 random bytes, base64url without padding. One id in 64 would start
     * with '-', which the storage tool's argument parser reads as a missing value for {@code -t}: such
     * ids are drawn again.
     */
    static String clusterId() {
        String id;
        do {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
        } while (id.startsWith("-"));
        return id;
    }

    private static final String LOG4J = """
            rootLogger.level=INFO
            rootLogger.appenderRef.stdout.ref=STDOUT
            appender.stdout.type=Console
            appender.stdout.name=STDOUT
            appender.stdout.layout.type=PatternLayout
            appender.stdout.layout.pattern=[%d] %p %m (%c)%n
            logger.state.name=state.change.logger
            logger.state.level=WARN
            """;
}
