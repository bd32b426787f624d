package org.ctims.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TestInfrastructureTests {

    @Test
    void newDatabasesAreSeparateAndUsable() throws Exception {
        TestDatabase one = TestInfrastructure.newDatabase("one");
        TestDatabase two = TestInfrastructure.newDatabase("two");
        assertThat(one.name()).isNotEqualTo(two.name());
        execute(one, "create table marker(id int)");
        assertThat(tableCount(one)).isEqualTo(1);
        assertThat(tableCount(two)).isZero();
    }

    @Test
    void theEmbeddedFallbackServerStartsAndCreatesDatabases() throws Exception {
        TestDatabase database = PostgresServers.embedded().createDatabase("embedded");
        execute(database, "create table marker(id int)");
        assertThat(tableCount(database)).isEqualTo(1);
    }

    @Test
    void theBrokerTakesAndDeliversRecords() {
        String topic = "smoke" + TestInfrastructure.newTopicSuffix();
        Map<String, Object> common = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
        Map<String, Object> consumerConfig = new java.util.HashMap<>(common);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return !seen.isEmpty();
            });
        }
        assertThat(seen).containsExactly("k=hello");
    }

    private static void execute(TestDatabase database, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int tableCount(TestDatabase database) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
