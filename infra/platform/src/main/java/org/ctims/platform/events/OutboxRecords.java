package org.ctims.platform.events;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Turns the relay's message into the Kafka record a producer binding makes of it after
 * {@code StreamBridge}: topic = destination, the {@code kafka_messageKey} header as key, the payload as
 * value, headers mapped by the binder's default {@link BinderHeaderMapper} (CloudEvents {@code ce_*},
 * {@code contentType}, {@code message-type: cloudevent} and {@code spring_json_header_types}, from which
 * consumers get them back as strings). Partition and timestamp are left to the producer, as there.
 */
final class OutboxRecords {

    private static final String MESSAGE_TYPE = "message-type";

    private final BinderHeaderMapper headers = new BinderHeaderMapper();

    ProducerRecord<byte[], byte[]> record(String destination, Message<byte[]> message) {
        Message<byte[]> asSent = MessageBuilder.fromMessage(message)
                .setHeader(MESSAGE_TYPE, "cloudevent") // what StreamBridge adds to a message with ce_* headers
                .build();
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.fromHeaders(asSent.getHeaders(), recordHeaders);
        return new ProducerRecord<>(destination, null, null, (byte[]) message.getHeaders().get(KafkaHeaders.KEY),
                message.getPayload(), recordHeaders);
    }
}
