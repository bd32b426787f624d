package org.ctims.platform.events;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.ctims.platform.logging.PersonalData;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * How every consumer binding retries an event that failed (the binder's retry template
 * {@value #TEMPLATE}): a {@link RejectedEventException} is not retried (it goes to the dead-letter
 * topic at once); a failure of the work itself is tried {@code maxAttempts} times with exponential
 * backoff, then dead-lettered; a {@link DatabaseOutage} is retried until the database answers again,
 * without counting as an attempt, so a database that is down for minutes sends no valid event to a
 * dead-letter topic. The retry runs on the consumer's thread, so the partition waits, in order.
 */
final class ConsumerRetryPolicy implements RetryPolicy {

    static final String TEMPLATE = "ctimsConsumerRetry";
    private static final Log log = LogFactory.getLog(ConsumerRetryPolicy.class);

    private final long maxAttempts;
    private final Duration initial;
    private final double multiplier;
    private final Duration max;
    private final Duration outageMax;
    // the template asks shouldRetry(failure) and then the backoff execution, on the consumer's thread
    private final ThreadLocal<Throwable> lastFailure = new ThreadLocal<>();

    ConsumerRetryPolicy(long maxAttempts, Duration initial, double multiplier, Duration max, Duration outageMax) {
        this.maxAttempts = maxAttempts;
        this.initial = initial;
        this.multiplier = multiplier;
        this.max = max;
        this.outageMax = outageMax;
    }

    @Override
    public boolean shouldRetry(Throwable failure) {
        lastFailure.set(failure);
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RejectedEventException) {
                return false;
            }
        }
        return true;
    }

    @Override
    public BackOff getBackOff() {
        return () -> new BackOffExecution() {
            private final BackOffExecution ordinary = backOff(initial, max, Math.max(0, maxAttempts - 1)).start();
            private final BackOffExecution outage = backOff(initial, outageMax, ExponentialBackOff.DEFAULT_MAX_ATTEMPTS).start();
            private boolean waiting;

            @Override
            public long nextBackOff() {
                Throwable failure = lastFailure.get();
                lastFailure.remove();
                if (DatabaseOutage.is(failure)) {
                    if (!waiting) {
                        waiting = true;
                        log.warn("The database is unreachable; the event waits for it (not counted as an attempt): "
                                + PersonalData.redacted(String.valueOf(failure)));
                    }
                    return outage.nextBackOff();
                }
                return ordinary.nextBackOff();
            }
        };
    }

    private BackOff backOff(Duration first, Duration most, long attempts) {
        ExponentialBackOff backOff = new ExponentialBackOff(first.toMillis(), multiplier);
        backOff.setMaxInterval(most.toMillis());
        backOff.setMaxAttempts(attempts);
        return backOff;
    }
}
