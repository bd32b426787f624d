package org.ctims.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class KafkaTopicsAutoConfigurationTests {

    @Test
    void aCompactedTopicKeptForeverWithTheBrokersReplication() {
        NewTopic topic = KafkaTopicsAutoConfiguration.newTopic(
                new KafkaTopicsProperties.Topic("catalog", 3, true, null), 0);

        assertThat(topic.numPartitions()).isEqualTo(3);
        assertThat(topic.replicationFactor()).isEqualTo((short) -1);
        assertThat(topic.configs()).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "-1");
    }

    @Test
    void aStreamWithRetentionAndThreeReplicas() {
        NewTopic topic = KafkaTopicsAutoConfiguration.newTopic(
                new KafkaTopicsProperties.Topic("inbound", 6, false, Duration.ofDays(14)), 3);

        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", String.valueOf(Duration.ofDays(14).toMillis()));
    }

    @Test
    void aTopicWithoutANameIsAConfigurationError() {
        assertThatThrownBy(() -> KafkaTopicsAutoConfiguration.newTopic(
                new KafkaTopicsProperties.Topic(" ", 1, false, null), 0))
                .hasMessageContaining("ctims.kafka.topics");
    }
}
