package org.ctims.platform.events;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.ctims.testing.kafka.KafkaTopics;
import org.ctims.testing.TestDatabase;
import org.ctims.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox across restarts and broker outages: separate application contexts on one database. */
class OutboxRestartIntegrationTests {

    private static final String NO_CONSUMER = "ctims.test.consume=false";
    private static final String NO_FUNCTIONS = "spring.cloud.function.definition=";

    private final TestDatabase database = TestInfrastructure.newDatabase("outbox_restart");
    private final String brokers = TestInfrastructure.kafkaBootstrapServers();
    private final String suffix = TestInfrastructure.newTopicSuffix();
    private final String topic = "notes" + suffix;

    @Test
    void eventsCommittedBeforeARestartSurviveABrokerOutageAndArePublishedExactlyOnceAfterwards() throws IOException {
        List<String> ids = new ArrayList<>();
        try (ConfigurableApplicationContext writer = start(brokers, "ctims.outbox.relay-enabled=false", NO_CONSUMER, NO_FUNCTIONS)) {
            EventsTestApplication.Notes notes = writer.getBean(EventsTestApplication.Notes.class);
            for (int seq = 0; seq < 20; seq++) {
                ids.add(notes.write(topic, "stn-" + (seq % 4), seq, "before restart"));
            }
        }
        assertThat(outbox().queryForObject("select count(*) from outbox", Integer.class)).isEqualTo(20);

        // Nothing listens on the port. Short client timeouts only make the outage show sooner.
        try (ConfigurableApplicationContext unreachable = start("127.0.0.1:" + closedPort(), "ctims.outbox.max-attempts=1",
                "spring.cloud.stream.kafka.binder.auto-create-topics=false",
                "spring.cloud.stream.kafka.binder.producer-properties.max.block.ms=300",
                "spring.cloud.stream.kafka.binder.configuration.default.api.timeout.ms=1000",
                "spring.cloud.stream.kafka.binder.configuration.request.timeout.ms=500", NO_CONSUMER, NO_FUNCTIONS)) {
            await().atMost(Duration.ofSeconds(120)).until(() -> outbox().queryForObject(
                    "select coalesce(max(attempts), 0) from outbox", Integer.class) >= 1);
            Map<String, Object> state = outbox().queryForMap(
                    "select count(*) as total, count(parked_at) as parked, max(last_error) as error from outbox");
            assertThat(state).containsEntry("total", 20L).containsEntry("parked", 0L);
            assertThat((String) state.get("error")).isNotBlank();
        }

        try (ConfigurableApplicationContext restarted = start(brokers)) {
            JdbcTemplate jdbc = restarted.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject("select count(*) from received",
                    Integer.class) == 20 && jdbc.queryForObject("select count(*) from outbox", Integer.class) == 0);
        }
        List<String> published = KafkaTopics.readAll(brokers, topic).stream()
                .map(record -> KafkaTopics.header(record, CloudEvents.ID)).toList();
        assertThat(published).containsExactlyInAnyOrderElementsOf(ids);
    }

    private ConfigurableApplicationContext start(String kafka, String... more) {
        // As command-line arguments: they take precedence over the platform's defaults.
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka,
                "--ctims.test.topic-suffix=" + suffix));
        List.of(more).forEach(property -> arguments.add("--" + property));
        return new SpringApplicationBuilder(EventsTestApplication.class).profiles(EventsTestApplication.PROFILE)
                .run(arguments.toArray(String[]::new));
    }

    private JdbcTemplate outbox() {
        org.springframework.jdbc.datasource.DriverManagerDataSource dataSource = new org.springframework.jdbc.datasource.DriverManagerDataSource(
                database.jdbcUrl() + "?currentSchema=events_test", database.username(), database.password());
        return new JdbcTemplate(dataSource);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
