package org.ctims.platform.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The outbox seen from outside: events waiting to be relayed, events parked after repeated
 * failures, and how long the oldest has waited. One query per scrape at most every few seconds.
 */
class OutboxMetrics implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    record Snapshot(long pending, long parked, double oldestAgeSeconds, Instant takenAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot last;

    OutboxMetrics(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "ctims.outbox.pending", null, "events written and not yet acknowledged by Kafka",
                Snapshot::pending);
        gauge(registry, "ctims.outbox.parked", null, "events held back after repeated relay failures",
                Snapshot::parked);
        gauge(registry, "ctims.outbox.oldest.age", "seconds", "how long the oldest waiting event has waited",
                Snapshot::oldestAgeSeconds);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
                       ToDoubleFunction<Snapshot> value) {
        Gauge.builder(name, this, metrics -> value.applyAsDouble(metrics.snapshot()))
                .baseUnit(unit)
                .description(description)
                .register(registry);
    }

    Snapshot snapshot() {
        Snapshot current = last;
        Instant now = clock.instant();
        if (current != null && current.takenAt().plus(FRESH_FOR).isAfter(now)) {
            return current;
        }
        Snapshot taken = jdbc.queryForObject("""
                select count(*) filter (where parked_at is null) as pending,
                       count(*) filter (where parked_at is not null) as parked,
                       coalesce(extract(epoch from now() - min(created_at)), 0) as oldest
                from outbox""", (rs, row) -> new Snapshot(rs.getLong("pending"), rs.getLong("parked"),
                rs.getDouble("oldest"), now));
        last = taken;
        return taken;
    }
}
