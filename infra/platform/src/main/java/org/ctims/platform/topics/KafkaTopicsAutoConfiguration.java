package org.ctims.platform.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the service's topics ({@link KafkaTopicsProperties}) so that they exist with their
 * partitions, retention and compaction before the service publishes or consumes, instead of being
 * created by the first send with the broker's defaults. Idempotent: existing topics are left as
 * they are, except that partitions are added when more are declared.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaAdmin.class)
@EnableConfigurationProperties(KafkaTopicsProperties.class)
public class KafkaTopicsAutoConfiguration {

    @Bean
    KafkaAdmin.NewTopics ctimsTopics(KafkaTopicsProperties properties) {
        return new KafkaAdmin.NewTopics(properties.topics().values().stream()
                .map(topic -> newTopic(topic, properties.replicationFactor()))
                .toArray(NewTopic[]::new));
    }

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    TopicProvisioner ctimsTopicProvisioner(KafkaAdmin admin, KafkaTopicsProperties properties) {
        return new TopicProvisioner(admin, properties.provisionRetry());
    }

    static NewTopic newTopic(KafkaTopicsProperties.Topic topic, int replicationFactor) {
        if (topic.name() == null || topic.name().isBlank()) {
            throw new IllegalStateException("a topic under ctims.kafka.topics has no name");
        }
        Optional<Short> replicas = replicationFactor > 0 ? Optional.of((short) replicationFactor) : Optional.empty();
        NewTopic created = new NewTopic(topic.name(), Optional.ofNullable(topic.partitions()), replicas);
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG,
                topic.retention() == null ? "-1" : String.valueOf(topic.retention().toMillis()));
        return created.configs(configs);
    }
}
