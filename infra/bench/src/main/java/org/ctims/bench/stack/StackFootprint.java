package org.ctims.bench.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Result;
import org.ctims.local.LocalStack;

/**
 * Issue 9's start-up and memory figures: how long each part of the stack took to become ready
 * (the launcher starts Kafka, Keycloak, then the four services together, then the gateway) and
 * the resident memory of each part's processes from {@code /proc}: right after the start and, at
 * the end of the run, the peak ({@code VmHWM}) reached under the benchmarks' load.
 */
public final class StackFootprint {

    static final long TWO_GIB = 2L * 1024 * 1024 * 1024;

    private final LocalStack stack;
    private final Map<String, Long> rssAfterStart;

    private StackFootprint(LocalStack stack, Map<String, Long> rssAfterStart) {
        this.stack = stack;
        this.rssAfterStart = rssAfterStart;
    }

    /** Takes the memory right after the stack started. */
    public static StackFootprint afterStart(LocalStack stack) {
        return new StackFootprint(stack, memory(stack, "VmRSS"));
    }

    /** The two results, with the peak memory taken now. */
    public List<Result> results() {
        Map<String, Duration> ready = stack.readyTimes();
        ready.remove("postgres"); // the server was already running; the launcher only checks it
        Duration total = ready.values().stream().reduce(Duration.ZERO, Duration::plus);
        List<String> parts = new ArrayList<>();
        ready.forEach((group, took) -> parts.add(group + " " + Format.seconds(took)));
        Map<String, Long> peak = memory(stack, "VmHWM");
        long services = sum(peak, true);
        long servicesAfterStart = sum(rssAfterStart, true);
        List<String> memory = new ArrayList<>();
        peak.forEach((name, bytes) -> memory.add(name + " " + mib(rssAfterStart.getOrDefault(name, 0L)) + " after start, peak "
                + mib(bytes)));
        return List.of(
                new Result("Whole stack start (Kafka, Keycloak, 4 services, gateway)", Format.seconds(total) + " to ready",
                        "each part's own time: " + String.join(", ", parts), "—", "ready < 90 s",
                        Result.verdict(total.compareTo(Duration.ofSeconds(90)) < 0, "took " + Format.seconds(total)),
                        List.of("Parts in start order, each awaited until healthy before the next (the four services start"
                                + " together): " + String.join("; ", parts),
                                "Timed by the launcher, including JVM start, Flyway migrations and Kafka topic checks")),
                new Result("Memory of the four services and the gateway (resident)", "peak " + mib(services) + " ("
                        + mib(servicesAfterStart) + " after start)", "—", "—", "all services together < 2 GiB RSS",
                        Result.verdict(services < TWO_GIB, "peak " + mib(services)),
                        List.of("Per part (VmRSS after start, VmHWM at the end of the run): " + String.join("; ", memory))));
    }

    private static long sum(Map<String, Long> memory, boolean servicesOnly) {
        return memory.entrySet().stream()
                .filter(e -> !servicesOnly || e.getKey().endsWith("-service") || e.getKey().equals("gateway"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** A /proc/<pid>/status field (kB) summed over each part's processes and their children, in bytes. */
    static Map<String, Long> memory(LocalStack stack, String field) {
        Map<String, Long> memory = new LinkedHashMap<>();
        stack.processes().forEach((name, handles) -> {
            long bytes = handles.stream().flatMap(h -> Stream.concat(Stream.of(h), h.descendants()))
                    .mapToLong(h -> status(h.pid(), field)).sum();
            if (!handles.isEmpty()) {
                memory.put(name, bytes);
            }
        });
        return memory;
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended
        }
        return 0;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }
}
