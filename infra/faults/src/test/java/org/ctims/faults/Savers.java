package org.ctims.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Teachers saving follow-up answers without pause: each thread owns a slice of the reports and saves
 * them round-robin over the version it knows, so every save changes the answer (the status alternates
 * with the version). A save answered 200 is <em>acknowledged</em> (its report id and new version are
 * kept); a save without an answer (connection refused or cut) or with a 5xx has an unknown outcome, and
 * the thread reads the report again before its next save; a 409 means an unknown-outcome save had
 * committed after all.
 */
final class Savers implements AutoCloseable {

    /** A save the service answered with 200 (at {@code answeredAt}, nanoTime): the report is at {@code version}. */
    record Ack(String reportId, int version, long answeredAt) {
    }

    private final FollowupApi api;
    private final List<FollowupApi.Row> reports;
    private final int threads;
    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stop;

    Savers(FollowupApi api, List<FollowupApi.Row> reports, int threads) {
        this.api = api;
        this.reports = reports;
        this.threads = threads;
    }

    Savers start() {
        for (int t = 0; t < threads; t++) {
            List<FollowupApi.Row> slice = new ArrayList<>();
            for (int i = t; i < reports.size(); i += threads) {
                slice.add(reports.get(i));
            }
            Thread thread = new Thread(() -> save(slice), "fault-saver-" + t);
            thread.setDaemon(true);
            thread.start();
            running.add(thread);
        }
        return this;
    }

    private void save(List<FollowupApi.Row> slice) {
        Map<String, Integer> known = new HashMap<>();
        slice.forEach(r -> known.put(r.id(), r.version()));
        int n = 0;
        while (!stop) {
            FollowupApi.Row report = slice.get(n++ % slice.size());
            Integer version = known.get(report.id());
            if (version == null) {
                FollowupApi.Answer read = api.get(report.id());
                count(read.status());
                if (read.status() == 200) {
                    known.put(report.id(), read.json().get("version").asInt());
                } else {
                    pause();
                }
                continue;
            }
            FollowupApi.Answer saved = api.save(report.id(), version, version % 2 == 0 ? "not-attending" : "unknown");
            count(saved.status());
            if (saved.status() == 200) {
                int now = saved.json().get("version").asInt();
                acks.add(new Ack(report.id(), now, System.nanoTime()));
                known.put(report.id(), now);
            } else {
                known.remove(report.id()); // unknown outcome or stale: read it again first
                if (saved.status() != 409) {
                    pause();
                }
            }
        }
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    List<Ack> acknowledged() {
        return List.copyOf(acks);
    }

    int acknowledgedCount() {
        return acks.size();
    }

    /** How many requests (saves and reads) got each status; 0 = no answer. */
    Map<Integer, Integer> statuses() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return counts;
    }

    /** Waits until at least {@code more} further saves were acknowledged (bounded). */
    void awaitMoreAcks(int more, java.time.Duration timeout) {
        int target = acks.size() + more;
        Faults.await(more + " more saves answered 200", timeout, () -> acks.size() >= target);
    }

    @Override
    public void close() throws InterruptedException {
        stop = true;
        for (Thread thread : running) {
            thread.join(30_000);
        }
    }
}
