package org.ctims.roster.oneroster;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * One Kafka record of a poll, as the batch consumer receives it: the payload as sent (native
 * decoding: the bytes are never converted) with its own headers, key, topic, partition and offset.
 */
record InboundRecord(byte[] payload, Map<String, Object> headers, byte[] key, String topic, Integer partition, Long offset) {

    /** Splits a batch message of the binder (payload list, per-record header lists) into its records. */
    static List<InboundRecord> of(Message<List<byte[]>> batch) {
        List<byte[]> payloads = batch.getPayload();
        List<?> converted = list(batch, KafkaHeaders.BATCH_CONVERTED_HEADERS);
        List<?> keys = list(batch, KafkaHeaders.RECEIVED_KEY);
        List<?> topics = list(batch, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = list(batch, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = list(batch, KafkaHeaders.OFFSET);
        List<InboundRecord> records = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> headers = converted.size() > i && converted.get(i) instanceof Map<?, ?> map
                    ? (Map<String, Object>) map : Map.of();
            Object key = keys.size() > i ? keys.get(i) : null;
            records.add(new InboundRecord(payloads.get(i), headers,
                    key instanceof byte[] bytes ? bytes : key == null ? null : key.toString().getBytes(StandardCharsets.UTF_8),
                    topics.size() > i ? String.valueOf(topics.get(i)) : null,
                    partitions.size() > i && partitions.get(i) instanceof Integer p ? p : null,
                    offsets.size() > i && offsets.get(i) instanceof Long o ? o : null));
        }
        return records;
    }

    private static List<?> list(Message<?> batch, String header) {
        return batch.getHeaders().get(header) instanceof List<?> list ? list : List.of();
    }

    /** A CloudEvents attribute in any of the header forms it arrives in ({@code ce_x}, {@code ce-x}, bytes or text). */
    Optional<String> attribute(String name) {
        for (String prefix : new String[] {"ce_", "ce-", "ce."}) {
            Optional<String> value = header(prefix + name);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /** A header as text, whether it arrived as bytes or as text. */
    Optional<String> header(String name) {
        Object value = headers.get(name);
        if (value instanceof byte[] bytes) {
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        }
        return Optional.ofNullable(value).map(Object::toString);
    }

    Optional<String> keyText() {
        return Optional.ofNullable(key).map(k -> new String(k, StandardCharsets.UTF_8));
    }

    /** The record as people recognise it in logs: topic-partition@offset. */
    String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
