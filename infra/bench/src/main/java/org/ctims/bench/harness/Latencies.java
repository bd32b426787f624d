package org.ctims.bench.harness;

import java.time.Duration;
import java.util.Arrays;

/** Latencies of one kind of request, in nanoseconds; thread-safe to add to. Percentiles by nearest rank. */
public final class Latencies {

    private long[] samples = new long[1024];
    private int count;
    private int errors;

    public synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized void error() {
        errors++;
    }

    public synchronized int count() {
        return count;
    }

    public synchronized int errors() {
        return errors;
    }

    /** The nearest-rank percentile ({@code p} in (0, 100]): the smallest sample with at least p % at or below it. */
    public synchronized Duration percentile(double p) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return Duration.ofNanos(sorted[Math.max(rank, 1) - 1]);
    }

    /** "p50 1.2 ms, p95 3.4 ms, p99 5.6 ms", or "no samples" */
    public String summary() {
        if (count() == 0) {
            return "no samples";
        }
        return "p50 " + Format.millis(percentile(50)) + ", p95 " + Format.millis(percentile(95)) + ", p99 "
                + Format.millis(percentile(99));
    }
}
