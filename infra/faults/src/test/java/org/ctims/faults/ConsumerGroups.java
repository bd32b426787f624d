package org.ctims.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/** The services' consumer groups as an operator sees them with the admin client: offsets, lag, a reset. */
final class ConsumerGroups implements AutoCloseable {

    private final Admin admin;

    ConsumerGroups(String brokers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    /** The group's committed offsets by partition. */
    Map<TopicPartition, Long> committed(String group) {
        return get(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                .entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The sum of the group's committed offsets on one topic's partitions. */
    long committedOn(String group, String topic) {
        return committed(group).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The group's members (by member id) and the partitions each holds now; empty while it rebalances. */
    Map<String, Set<TopicPartition>> assignments(String group) {
        ConsumerGroupDescription description = get(() -> admin.describeConsumerGroups(List.of(group)).all()
                .get(30, TimeUnit.SECONDS).get(group));
        if (description.groupState() != GroupState.STABLE) {
            return Map.of();
        }
        Map<String, Set<TopicPartition>> members = new HashMap<>();
        description.members().forEach(m -> members.put(m.consumerId(), Set.copyOf(m.assignment().topicPartitions())));
        return members;
    }

    Map<TopicPartition, Long> ends(Iterable<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    /** Records not yet committed by the group, over all its partitions. */
    long lag(String group) {
        return lag(group, committed(group).keySet());
    }

    /** Records not yet committed by the group on {@code partitions}. */
    long lag(String group, Set<TopicPartition> partitions) {
        Map<TopicPartition, Long> committed = committed(group);
        committed.keySet().retainAll(partitions);
        Map<TopicPartition, Long> ends = ends(committed.keySet());
        return committed.entrySet().stream().mapToLong(e -> ends.get(e.getKey()) - e.getValue()).sum();
    }

    /**
     * Moves every committed offset of the (inactive) group back to the partition's first record, as
     * {@code kafka-consumer-groups --reset-offsets --to-earliest} does; returns how many records will be
     * delivered again.
     */
    long resetToEarliest(String group) {
        Map<TopicPartition, Long> committed = committed(group);
        Map<TopicPartition, Long> earliest = offsets(committed.keySet(), OffsetSpec.earliest());
        Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
        earliest.forEach((partition, offset) -> reset.put(partition, new OffsetAndMetadata(offset)));
        // a member that just left may still be in the group for a moment: try again (bounded)
        Faults.await("the offsets of group " + group + " are reset", Duration.ofSeconds(60), () -> {
            try {
                admin.alterConsumerGroupOffsets(group, reset).all().get(30, TimeUnit.SECONDS);
                return true;
            } catch (ExecutionException e) {
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return committed.entrySet().stream().mapToLong(e -> e.getValue() - earliest.get(e.getKey())).sum();
    }

    private Map<TopicPartition, Long> offsets(Iterable<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        return get(() -> admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T get(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException("the broker's admin API failed: " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(10));
    }
}
