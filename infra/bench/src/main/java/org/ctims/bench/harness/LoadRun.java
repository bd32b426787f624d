package org.ctims.bench.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Concurrent simulated users for a bounded time: each user repeats its step until the deadline;
 * steps during the warm-up are not measured. A user's step records its own latencies; the run's
 * measured length is what throughputs are divided by.
 */
public final class LoadRun {

    /** One simulated user: called again and again until the run ends. */
    public interface User {
        void step(boolean measured) throws Exception;
    }

    private LoadRun() {
    }

    /** @return the measured duration (without the warm-up) */
    public static Duration run(int users, Duration warmUp, Duration measured, IntFunction<User> newUser) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long end = measureFrom + measured.toNanos();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            User user = newUser.apply(i);
            Thread thread = new Thread(() -> {
                try {
                    long now;
                    while ((now = System.nanoTime()) < end && failure.get() == null) {
                        user.step(now >= measureFrom);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-user-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (end - System.nanoTime()) / 1_000_000 + 120_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a simulated user failed: " + failure.get(), failure.get());
        }
        return Duration.ofNanos(Math.max(1, System.nanoTime() - measureFrom));
    }
}
