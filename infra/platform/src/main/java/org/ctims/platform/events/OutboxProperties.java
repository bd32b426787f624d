package org.ctims.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ctims.outbox.*}: how the relay moves outbox rows to Kafka.
 *
 * @param relayEnabled whether this instance runs a relay (several may; one works at a time)
 * @param pollInterval pause between relay runs
 * @param batchSize rows read per run, sent in waves of one row per key (the transaction spans their sends)
 * @param maxAttempts failed attempts after which a row that fails for a non-retryable reason is parked
 */
@ConfigurationProperties("ctims.outbox")
record OutboxProperties(@DefaultValue("true") boolean relayEnabled, @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("500") int batchSize, @DefaultValue("5") int maxAttempts) {
}
