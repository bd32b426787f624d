package org.ctims.gateway.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: {@code burst} requests at once, refilled at {@code perMinute}. A bucket
 * that has refilled completely behaves exactly like a new one, so such buckets are dropped now and
 * then: memory follows the callers of the last few minutes, not everyone who ever called.
 */
final class TokenBuckets {

    private static final long SWEEP_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final double burst;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep;

    TokenBuckets(int perMinute, int burst, LongSupplier nanoTime) {
        if (perMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("a rate limit needs at least 1 request per minute and a burst of 1");
        }
        this.burst = burst;
        this.tokensPerNano = perMinute / (double) TimeUnit.MINUTES.toNanos(1);
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong());
    }

    /** Takes one request from the key's bucket: 0 if it may go on, else the seconds until it could. */
    long tryTake(String key) {
        long now = nanoTime.getAsLong();
        sweep(now);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.refill(now, burst, tokensPerNano);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            double nanosToOne = (1 - bucket.tokens) / tokensPerNano;
            return Math.max(1, (long) Math.ceil(nanosToOne / TimeUnit.SECONDS.toNanos(1)));
        }
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_EVERY_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                bucket.refill(now, burst, tokensPerNano);
                return bucket.tokens >= burst;
            }
        });
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(long now, double burst, double tokensPerNano) {
            tokens = Math.min(burst, tokens + (now - updated) * tokensPerNano);
            updated = now;
        }
    }
}
