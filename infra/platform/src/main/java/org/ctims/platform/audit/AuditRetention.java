package org.ctims.platform.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;

/**
 * The daily audit job: once a day ({@code ctims.audit.retention-schedule}) removes the entries older
 * than {@code ctims.audit.retention} through the database function {@code audit_prune}, which
 * removes them as a prefix of the chain under the writers' lock and records a checkpoint with the
 * hash the kept chain starts from, so {@link AuditChain} still verifies it. The function refuses
 * to remove anything of the last year. Safe on several instances at once (the lock; a second run
 * finds nothing to remove). Then it verifies the kept chain ({@link #daily()}).
 */
public final class AuditRetention implements SmartLifecycle {

    private static final Log log = LogFactory.getLog(AuditRetention.class);

    private final JdbcTemplate jdbc;
    private final Period retention;
    private final CronExpression schedule;
    private final Clock clock;
    private final AuditChain chain;
    private final AuditMetrics metrics;
    private ScheduledExecutorService executor;

    AuditRetention(JdbcTemplate jdbc, AuditProperties properties, Clock clock, AuditChain chain, AuditMetrics metrics) {
        this.jdbc = jdbc;
        this.retention = properties.retention();
        this.schedule = CronExpression.parse(properties.retentionSchedule());
        this.clock = clock;
        this.chain = chain;
        this.metrics = metrics;
    }

    /**
     * The daily run: retention, then a verification of what is kept, whose outcome the metrics
     * show ({@code ctims_audit_chain_valid}) and a broken chain is logged.
     */
    public AuditChain.Verification daily() {
        pruneExpired();
        AuditChain.Verification verification = chain.verify();
        if (metrics != null) {
            metrics.verified(verification);
        }
        if (!verification.valid()) {
            log.error("Audit chain broken: " + verification.problem() + " (" + verification.checked() + " entries intact before it)");
        }
        return verification;
    }

    /** Removes the entries recorded before {@code keepFrom}. @return how many were removed */
    public long prune(Instant keepFrom) {
        Long removed = jdbc.queryForObject("select audit_prune(?)", Long.class, Timestamp.from(keepFrom));
        return removed == null ? 0 : removed;
    }

    /** Removes what the retention period no longer keeps. @return how many were removed */
    public long pruneExpired() {
        Instant keepFrom = clock.instant().atZone(ZoneOffset.UTC).minus(retention).toInstant();
        long removed = prune(keepFrom);
        if (removed > 0) {
            log.info("Audit retention removed " + removed + " entries recorded before " + keepFrom);
        }
        return removed;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-retention");
            t.setDaemon(true);
            return t;
        });
        scheduleNext();
    }

    private synchronized void scheduleNext() {
        if (executor == null || executor.isShutdown()) {
            return;
        }
        LocalDateTime now = LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
        LocalDateTime next = schedule.next(now);
        long delay = next == null ? TimeUnit.DAYS.toMillis(1)
                : java.time.Duration.between(now, next).toMillis();
        executor.schedule(() -> {
            try {
                daily();
            } catch (RuntimeException e) {
                log.warn("Audit retention failed; it runs again at the next scheduled time", e);
            }
            scheduleNext();
        }, Math.max(delay, 1000), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
