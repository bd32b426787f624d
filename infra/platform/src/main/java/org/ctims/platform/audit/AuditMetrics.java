package org.ctims.platform.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit log seen from outside, for alerts: the newest entry's sequence number (a monitoring
 * system that keeps its history notices entries cut off the end: the number goes down) and the
 * outcome of the last daily verification ({@link AuditRetention}'s run): 1 valid, 0 broken, NaN
 * not verified since the start.
 */
public final class AuditMetrics implements MeterBinder {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private record LastSeq(long seq, Instant takenAt) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicReference<AuditChain.Verification> verified = new AtomicReference<>();
    private volatile LastSeq last;

    AuditMetrics(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ctims.audit.last.seq", this, AuditMetrics::lastSeq)
                .description("sequence number of the newest audit entry").register(registry);
        Gauge.builder("ctims.audit.chain.valid", this, m -> m.verification(v -> v.valid() ? 1 : 0))
                .description("1 when the last verification found the audit chain intact, 0 when broken").register(registry);
        Gauge.builder("ctims.audit.chain.verified.seq", this,
                        m -> m.verification(v -> v.lastSeq() == null ? 0 : v.lastSeq()))
                .description("the last entry the last verification found intact").register(registry);
    }

    void verified(AuditChain.Verification verification) {
        verified.set(verification);
    }

    double lastSeq() {
        LastSeq current = last;
        Instant now = clock.instant();
        if (current == null || !current.takenAt().plus(FRESH_FOR).isAfter(now)) {
            Long seq = jdbc.queryForObject("select coalesce(max(seq), 0) from audit_entry", Long.class);
            current = new LastSeq(seq == null ? 0 : seq, now);
            last = current;
        }
        return current.seq();
    }

    private double verification(java.util.function.ToDoubleFunction<AuditChain.Verification> value) {
        AuditChain.Verification v = verified.get();
        return v == null ? Double.NaN : value.applyAsDouble(v);
    }
}
