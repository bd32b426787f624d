package org.ctims.platform.topics;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The topics a service owns, declared in its configuration ({@code ctims.kafka.topics.<id>.*}) and
 * created or widened when it starts.
 *
 * @param topics by a short id of the service's choosing
 * @param replicationFactor copies of every partition; 0 takes the broker's default
 * @param provisionRetry how long to wait before trying again while the broker cannot be reached
 */
@ConfigurationProperties("ctims.kafka")
public record KafkaTopicsProperties(Map<String, Topic> topics, int replicationFactor, Duration provisionRetry) {

    public KafkaTopicsProperties {
        topics = topics == null ? Map.of() : new LinkedHashMap<>(topics);
        provisionRetry = provisionRetry == null ? Duration.ofSeconds(10) : provisionRetry;
    }

    /**
     * One topic.
     *
     * @param name the topic's name
     * @param partitions how many (the key decides the partition: more partitions, more consumers in
     *        parallel; only ever raised, and raising moves keys to other partitions)
     * @param compacted keep only the latest record per key (a topic that is a table)
     * @param retention how long records are kept; empty keeps them forever (streams that read
     *        models are rebuilt from)
     */
    public record Topic(String name, Integer partitions, boolean compacted, Duration retention) {
    }
}
