package org.ctims.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.ctims.bench.certification.CertificationBench;
import org.ctims.bench.followup.EventLagProbe;
import org.ctims.bench.followup.FollowupSaveBench;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Machine;
import org.ctims.bench.harness.PerformanceDoc;
import org.ctims.bench.harness.Result;
import org.ctims.bench.outbox.RelayDrainBench;
import org.ctims.bench.report.StudentExportBench;
import org.ctims.bench.stack.StackFootprint;
import org.ctims.bench.roster.RosterIngestBench;
import org.ctims.bench.roster.StatewideRoster;
import org.ctims.local.LocalStack;
import org.ctims.local.StackConfig;

/**
 * {@code infra/bench/run}: starts the whole stack on 127.0.0.1 (its own run folder, database and
 * ports), runs every benchmark with bounded time and load, writes {@code docs/PERFORMANCE.md} and
 * stops the stack. Options: {@code --only=certification,relay,roster,followup,report}, {@code --schools=7},
 * {@code --export-rows=100000,1000000},
 * {@code --relay-events=20000},
 * {@code --users=20}, {@code --teachers=20}, {@code --warmup=10}, {@code --seconds=30},
 * {@code --think-ms=250}, {@code --rows=5000}, {@code --roster-timeout=900}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        Set<String> only = new LinkedHashSet<>(List.of(options.getOrDefault("only", "certification,relay,roster,followup,report").split(",")));
        int schools = Integer.parseInt(options.getOrDefault("schools", "7"));
        int users = Integer.parseInt(options.getOrDefault("users", "20"));
        int teachers = Integer.parseInt(options.getOrDefault("teachers", "20"));
        int rows = Integer.parseInt(options.getOrDefault("rows", "5000"));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", "10")));
        Duration measured = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "30")));
        Duration think = Duration.ofMillis(Long.parseLong(options.getOrDefault("think-ms", "250")));
        Duration rosterTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("roster-timeout", "900")));
        if (only.contains("followup") && schools * StatewideRoster.TEACHERS_PER_SCHOOL < teachers) {
            throw new IllegalArgumentException("--teachers=" + teachers + " needs at least "
                    + (teachers + StatewideRoster.TEACHERS_PER_SCHOOL - 1) / StatewideRoster.TEACHERS_PER_SCHOOL + " schools");
        }

        Path repo = LocalStack.findRepoRoot();
        Map<String, String> env = System.getenv();
        StackConfig config = StackConfig.fromEnvironment(repo, env).database(options.getOrDefault("database", "ctims_bench"), true);
        if (!env.containsKey("CTIMS_LOCAL_RUN_DIR")) {
            config.runDir(repo.resolve("infra/bench/.run"));
        }
        // A fresh database needs a fresh broker too: records a stopped run left on a topic would be
        // consumed into the new database while the next run measures.
        deleteRecursively(config.runDir().resolve("kafka"));
        ZonedDateTime date = ZonedDateTime.now().withNano(0);
        String loadBefore = Machine.loadAverage();
        List<Result> results = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        try (LocalStack stack = new LocalStack(config)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "ctims-bench-stop"));
            long t0 = System.nanoTime();
            stack.start();
            setup.add("Stack: PostgreSQL (" + config.dbUrl() + "), Kafka, Keycloak, the four services and the gateway"
                    + " started by `infra/local`'s launcher in " + Format.seconds(Duration.ofNanos(System.nanoTime() - t0))
                    + " (logs in " + repo.relativize(config.logDir()) + "); service JVM options "
                    + String.join(" ", config.serviceJvmOptions()));
            Target target = Target.of(config);
            StackFootprint footprint = StackFootprint.afterStart(stack);
            if (only.contains("certification")) {
                results.addAll(attempt("Certification import and search",
                        () -> new CertificationBench(target, rows, users, warmUp, measured).run()));
            }
            if (only.contains("relay")) {
                results.addAll(attempt("Outbox relay", () -> List.of(new RelayDrainBench(target,
                        Integer.parseInt(options.getOrDefault("relay-events", "20000")), 1000, Duration.ofMinutes(5)).run())));
            }
            if (only.contains("roster") || only.contains("followup")) {
                RosterIngestBench roster = new RosterIngestBench(target, schools, rosterTimeout);
                results.addAll(attempt("Roster ingest", () -> List.of(roster.run())));
            }
            if (only.contains("followup")) {
                FollowupSaveBench followup = new FollowupSaveBench(target, teachers, warmUp, measured, think);
                results.addAll(attempt("Follow-up saves", () -> {
                    Duration ready = followup.prepare(Duration.ofMinutes(5));
                    setup.add("Follow-up reports of the bench teachers ready " + Format.seconds(ready) + " after the roster benchmark");
                    if (schools * StatewideRoster.TEACHERS_PER_SCHOOL <= teachers) {
                        return List.of(followup.run()); // no teacher left over for the event-lag probe
                    }
                    Result saves;
                    EventLagProbe lag = new EventLagProbe(target, teachers).start();
                    try (lag) {
                        saves = followup.run();
                    }
                    return List.of(saves, lag.result());
                }));
            }
            if (only.contains("report")) {
                List<Integer> sizes = java.util.Arrays.stream(options.getOrDefault("export-rows", "100000,1000000").split(","))
                        .map(Integer::parseInt).toList();
                results.addAll(attempt("Student export", () -> new StudentExportBench(target, repo, sizes).run()));
            }
            results.addAll(attempt("Stack start and memory", footprint::results));
        }
        String section = PerformanceDoc.section(date, Machine.current(), loadBefore, Machine.loadAverage(), setup, results);
        PerformanceDoc.write(repo.resolve("docs/PERFORMANCE.md"), section);
        System.out.println(section);
        System.out.println("Written to " + repo.resolve("docs/PERFORMANCE.md"));
    }

    private static List<Result> attempt(String workload, Callable<List<Result>> benchmark) {
        System.out.println("[bench] " + workload + " ...");
        try {
            List<Result> results = benchmark.call();
            results.forEach(r -> System.out.println("[bench] " + r.workload() + ": " + r.figure() + " | " + r.ratio()
                    + " | " + r.verdict()));
            return results;
        } catch (Exception e) {
            e.printStackTrace();
            return List.of(new Result(workload, "—", "—", "—", "", "failed: " + e.getMessage(), List.of()));
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!java.nio.file.Files.exists(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = java.nio.file.Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.delete(path);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot delete " + dir, e);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("options look like --name=value, not " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
