package org.ctims.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.ctims.testing.TestDatabase;
import org.ctims.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** A service's declared topics exist with their shape after it starts, and a restart with more partitions widens them. */
class TopicDeclarationIntegrationTests {

    private final TestDatabase database = TestInfrastructure.newDatabase("topics");
    private final String brokers = TestInfrastructure.kafkaBootstrapServers();
    private final String suffix = TestInfrastructure.newTopicSuffix();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TopicOwner {
    }

    @Test
    void declaredTopicsAreCreatedWithTheirPartitionsRetentionAndCompactionAndWidenedLater() throws Exception {
        String table = "table" + suffix;
        String stream = "stream" + suffix;
        try (ConfigurableApplicationContext first = start(4, table, stream)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.getBean(TopicProvisioner.class).provisioned());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            assertThat(partitions(admin, table)).isEqualTo(4);
            assertThat(config(admin, table).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config(admin, table).get("retention.ms").value()).isEqualTo("-1");
            assertThat(config(admin, stream).get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(config(admin, stream).get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(14).toMillis()));
        }

        try (ConfigurableApplicationContext widened = start(6, table, stream)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> widened.getBean(TopicProvisioner.class).provisioned());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            assertThat(partitions(admin, table)).isEqualTo(6);
        }
    }

    private ConfigurableApplicationContext start(int partitions, String table, String stream) {
        List<String> arguments = List.of(
                "--spring.main.web-application-type=none",
                "--spring.application.name=topic-owner",
                "--ctims.service.schema=topics_test",
                "--ctims.outbox.relay-enabled=false",
                "--spring.cloud.function.definition=",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--ctims.kafka.topics.table.name=" + table,
                "--ctims.kafka.topics.table.partitions=" + partitions,
                "--ctims.kafka.topics.table.compacted=true",
                "--ctims.kafka.topics.stream.name=" + stream,
                "--ctims.kafka.topics.stream.partitions=2",
                "--ctims.kafka.topics.stream.retention=14d");
        return new SpringApplicationBuilder(TopicOwner.class).run(arguments.toArray(String[]::new));
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        return description.partitions().size();
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
