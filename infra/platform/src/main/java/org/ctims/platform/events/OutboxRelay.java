package org.ctims.platform.events;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.common.errors.RetriableException;
import org.ctims.platform.logging.PersonalData;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.cloud.stream.provisioning.ProvisioningException;
import org.springframework.context.SmartLifecycle;
import org.springframework.integration.MessageDispatchingException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka, oldest first, and deletes each row only after the broker
 * acknowledged that very record.
 *
 * <p>Batches. A run reads up to {@code ctims.outbox.batch-size} rows and sends them in waves of at most
 * one row per destination and key: a wave goes out together through the relay's own idempotent producer
 * ({@link RelayProducer}, {@code acks=all}), is flushed, and each row counts as sent only if its own
 * future completed with the broker's acknowledgement. The next row of a key goes in a later wave, so it
 * is sent only after the row before it was acknowledged. The records are those a producer binding makes
 * ({@link OutboxRecords}); the first row of a destination in an instance's life goes through
 * {@code StreamBridge} itself (synchronous sends), whose binding provisions the topic with the binder's
 * settings.
 *
 * <p>Order and failures. After a failed send, no later row with the same destination and key is
 * sent in that run, so an event never overtakes an earlier one of its key. What happens next
 * depends on the {@link Failure}: while the broker is away the run stops and the rows are retried
 * forever, with a circuit breaker ({@code outbox-relay}) pausing the relay instead of spinning; a
 * destination whose binding is not ready is skipped and retried forever; a failure of the record
 * itself counts an attempt, and after {@code ctims.outbox.max-attempts} the row is parked
 * ({@code parked_at}, {@code last_error}) so other keys move on. A parked row keeps holding back
 * every later row with its destination and key: order is never broken silently; an operator fixes
 * the cause and un-parks it ({@code update outbox set parked_at = null, attempts = 0 where ...}).
 *
 * <p>One relay at a time per schema: a run holds a transaction-scoped PostgreSQL advisory lock, and
 * instances that do not get it skip the run. If the commit after sending fails, the rows are sent
 * again later: delivery is at least once and consumers de-duplicate.
 */
final class OutboxRelay implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(OutboxRelay.class);

    /** First key of the advisory lock ("CT"); the second is the schema's hash. */
    private static final int LOCK_CLASS = 0x4354;

    private static final String NEXT_ROWS = """
            select o.id, o.event_id, o.destination, o.event_key, o.event_type, o.source, o.subject,
                   o.occurred_at, o.payload::text as payload, o.attempts
            from outbox o
            where o.parked_at is null
              and not exists (select 1 from outbox p
                              where p.parked_at is not null and p.destination = o.destination
                                and p.event_key = o.event_key and p.id < o.id)
            order by o.id
            limit ?""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StreamBridge streamBridge;
    private final CircuitBreaker circuitBreaker;
    private final OutboxProperties properties;
    private final RelayProducer producer;
    private final OutboxRecords records = new OutboxRecords();
    /** Destinations StreamBridge has bound (and so provisioned) in this instance; used by the relay thread only. */
    private final Set<String> boundDestinations = new HashSet<>();
    private volatile ThreadPoolTaskScheduler scheduler;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transactions, StreamBridge streamBridge,
            RelayProducer producer, CircuitBreaker circuitBreaker, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.streamBridge = streamBridge;
        this.producer = producer;
        this.circuitBreaker = circuitBreaker;
        this.properties = properties;
    }

    /** One relay run; returns the number of events delivered. */
    int relay() {
        if (!circuitBreaker.tryAcquirePermission()) {
            return 0;
        }
        long start = System.nanoTime();
        Outcome outcome;
        try {
            outcome = transactions.execute(status -> sendBatch());
        }
        catch (RuntimeException ex) {
            circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, ex);
            throw ex;
        }
        if (outcome != null && outcome.sent() == 0 && outcome.transientFailure() != null) {
            circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, outcome.transientFailure());
        }
        else {
            circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
        return outcome == null ? 0 : outcome.sent();
    }

    private Outcome sendBatch() {
        Boolean locked = jdbc.queryForObject("select pg_try_advisory_xact_lock(?, hashtext(current_schema()))",
                Boolean.class, LOCK_CLASS);
        if (!Boolean.TRUE.equals(locked)) {
            return new Outcome(0, null);
        }
        Run run = new Run();
        List<Row> remaining = jdbc.query(NEXT_ROWS, OutboxRelay::row, properties.batchSize());
        while (!remaining.isEmpty() && !run.brokerAway()) {
            // A wave holds at most one row per destination and key: the next row of a key is sent only
            // after the broker acknowledged the one before, so a failure can never let a later one overtake it.
            List<Row> wave = new ArrayList<>();
            List<Row> later = new ArrayList<>();
            Set<List<String>> inWave = new HashSet<>();
            for (Row row : remaining) {
                if (run.holdsBack(row)) {
                    continue; // an earlier row of this key (or destination) failed in this run: keep the order
                }
                (inWave.add(List.of(row.destination(), row.key())) ? wave : later).add(row);
            }
            sendWave(wave, run);
            remaining = later;
        }
        if (!run.sent.isEmpty()) {
            jdbc.update("delete from outbox where id = any(?::bigint[])",
                    run.sent.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
        }
        return new Outcome(run.sent.size(), run.transientFailure);
    }

    /**
     * The first row for a destination goes through {@code StreamBridge}, whose producer binding provisions
     * the topic with the binder's settings and answers only once the broker acknowledged it; the rest go
     * through the relay's own producer, together, each counted as sent only on its own acknowledgement.
     */
    private void sendWave(List<Row> wave, Run run) {
        List<Row> batched = new ArrayList<>(wave.size());
        for (Row row : wave) {
            if (run.holdsBack(row)) {
                continue;
            }
            if (boundDestinations.contains(row.destination())) {
                batched.add(row);
                continue;
            }
            try {
                if (!streamBridge.send(row.destination(), message(row))) {
                    throw new IllegalStateException("StreamBridge did not send to " + row.destination());
                }
                boundDestinations.add(row.destination());
                run.sent.add(row.id());
            }
            catch (RuntimeException ex) {
                run.failed(row, ex);
                if (run.brokerAway()) {
                    return; // the broker is away or slow: the rest would fail the same way
                }
            }
        }
        if (batched.isEmpty()) {
            return;
        }
        List<RelayProducer.Delivery> results = producer.sendAll(batched.stream()
                .map(row -> records.record(row.destination(), message(row))).toList());
        for (int i = 0; i < batched.size(); i++) {
            RelayProducer.Delivery delivery = results.get(i);
            if (delivery.acknowledged()) {
                run.sent.add(batched.get(i).id());
            }
            else if (delivery.failure() != null) {
                run.failed(batched.get(i), delivery.failure());
            }
        }
        if (run.brokerAway()) {
            producer.reset();
        }
    }

    /** What one relay run did so far. */
    private final class Run {
        final List<Long> sent = new ArrayList<>();
        final Set<String> skippedDestinations = new HashSet<>();
        final Set<List<String>> skippedKeys = new HashSet<>();
        RuntimeException transientFailure;
        boolean brokerFailed;

        boolean brokerAway() {
            return brokerFailed;
        }

        boolean holdsBack(Row row) {
            return skippedDestinations.contains(row.destination())
                    || skippedKeys.contains(List.of(row.destination(), row.key()));
        }

        void failed(Row row, RuntimeException ex) {
            Failure failure = Failure.of(ex);
            recordFailure(row, ex, failure, !(failure == Failure.BROKER && brokerFailed));
            skippedKeys.add(List.of(row.destination(), row.key()));
            if (failure == Failure.BROKER) {
                transientFailure = ex;
                brokerFailed = true;
            }
            else if (failure == Failure.DESTINATION) {
                transientFailure = ex;
                skippedDestinations.add(row.destination());
            }
        }
    }

    private void recordFailure(Row row, RuntimeException ex, Failure failure, boolean logIt) {
        boolean park = failure == Failure.RECORD && row.attempts() + 1 >= properties.maxAttempts();
        String error = describe(ex);
        jdbc.update("update outbox set attempts = attempts + 1, last_error = ?, parked_at = case when ? then now() end where id = ?",
                error, park, row.id());
        if (park) {
            // keys are often an STN, errors may echo the record: the log gets both masked
            log.error("Parked outbox event " + row.eventId() + " for " + row.destination() + " (key "
                    + PersonalData.redacted(row.key()) + ") after " + (row.attempts() + 1)
                    + " attempts; later events with this key wait for it: " + PersonalData.redacted(error));
        }
        else if (logIt) {
            log.warn("Outbox event " + row.eventId() + " not delivered to " + row.destination() + ", will retry: "
                    + PersonalData.redacted(error));
        }
    }

    /** Why a send failed, which decides what the relay does next. */
    enum Failure {
        /** The broker or network is away or slow: retry forever, stop this run. */
        BROKER,
        /** The destination has no working binding yet (the binder retries it in the background, e.g.
         *  while the broker is away): retry forever, skip this destination for this run. */
        DESTINATION,
        /** Something about this record (too large, not serializable): count attempts, then park. */
        RECORD;

        static Failure of(Throwable ex) {
            for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
                if (cause instanceof RetriableException || cause instanceof java.util.concurrent.TimeoutException
                        || cause instanceof InterruptedException || cause instanceof java.net.ConnectException) {
                    return BROKER;
                }
                if (cause instanceof MessageDispatchingException || cause instanceof ProvisioningException) {
                    return DESTINATION;
                }
            }
            return RECORD;
        }
    }

    private static Message<byte[]> message(Row row) {
        MessageBuilder<byte[]> builder = MessageBuilder.withPayload(row.payload().getBytes(StandardCharsets.UTF_8))
                .setHeader(KafkaHeaders.KEY, row.key().getBytes(StandardCharsets.UTF_8))
                .setHeader(CloudEvents.ID, row.eventId())
                .setHeader(CloudEvents.TYPE, row.type())
                .setHeader(CloudEvents.SOURCE, row.source())
                .setHeader(CloudEvents.TIME, row.time().atOffset(ZoneOffset.UTC).toString())
                .setHeader(CloudEvents.SPECVERSION, "1.0")
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json");
        if (row.subject() != null) {
            builder.setHeader(CloudEvents.SUBJECT, row.subject());
        }
        return builder.build();
    }

    private static String describe(Throwable ex) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = ex; cause != null && text.length() < 2000; cause = cause.getCause()) {
            text.append(text.isEmpty() ? "" : " <- ").append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private static Row row(ResultSet rs, int index) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("event_id"), rs.getString("destination"), rs.getString("event_key"),
                rs.getString("event_type"), rs.getString("source"), rs.getString("subject"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("payload"), rs.getInt("attempts"));
    }

    private void runSafely() {
        try {
            // Drain a backlog without waiting a poll interval between full batches.
            while (isRunning() && relay() == properties.batchSize()) {
                log.debug("Outbox relay sent a full batch; continuing");
            }
        }
        catch (RuntimeException ex) {
            log.warn("Outbox relay run failed; will retry: " + PersonalData.redacted(String.valueOf(ex)));
        }
    }

    @Override
    public void start() {
        ThreadPoolTaskScheduler started = new ThreadPoolTaskScheduler();
        started.setThreadNamePrefix("outbox-relay-");
        started.setWaitForTasksToCompleteOnShutdown(true);
        started.setAwaitTerminationSeconds(30);
        started.initialize();
        started.scheduleWithFixedDelay(this::runSafely, properties.pollInterval());
        scheduler = started;
    }

    @Override
    public void stop() {
        ThreadPoolTaskScheduler running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdown();
        }
        producer.close();
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** Stops before the bindings and the data source it uses (they have lower phases). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private record Row(long id, String eventId, String destination, String key, String type, String source,
            String subject, Instant time, String payload, int attempts) {
    }

    private record Outcome(int sent, RuntimeException transientFailure) {
    }
}
