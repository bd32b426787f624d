package org.ctims.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole system on one machine: PostgreSQL, Kafka, Keycloak, the four services and the
 * gateway, started in that order, each awaited until healthy, stopped in reverse order.
 * Used by {@code infra/local/run} (through {@link #main}) and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    private final StackConfig config;
    private final Object lock = new Object();
    private final List<Part> launched = new ArrayList<>();
    private boolean stopping;
    private boolean gatewayRunning;
    private final Map<String, Duration> readyTimes = new LinkedHashMap<>();

    public LocalStack(StackConfig config) {
        this.config = config;
    }

    public StackConfig config() {
        return config;
    }

    /** True when the gateway was started (its module had a runnable jar). */
    public boolean gatewayRunning() {
        return gatewayRunning;
    }

    /** How long each group of parts took to become ready, in start order (parts of a group start together). */
    public Map<String, Duration> readyTimes() {
        synchronized (lock) {
            return new LinkedHashMap<>(readyTimes);
        }
    }

    /** The processes of every running part by the part's name, e.g. for their memory. */
    public Map<String, List<ProcessHandle>> processes() {
        Map<String, List<ProcessHandle>> processes = new LinkedHashMap<>();
        synchronized (lock) {
            launched.forEach(part -> processes.put(part.name(), part.processes()));
        }
        return processes;
    }

    /** Starts every part and waits until all are healthy; on failure stops what was started and throws. */
    public void start() {
        PidFile.runningLauncher(config.pidFile()).ifPresent(h -> {
            throw new StackException("an earlier run (pid " + h.pid() + ") still runs from " + config.runDir()
                    + ": stop it first (infra/local/run stop)");
        });
        List<List<Part>> groups = plan();
        checkPortsFree(groups);
        try {
            for (List<Part> group : groups) {
                long t0 = System.nanoTime();
                for (Part part : group) {
                    synchronized (lock) {
                        if (stopping) {
                            throw new StackException("stopped while starting");
                        }
                        launched.add(part);
                        part.launch();
                        writePidFile();
                    }
                }
                for (Part part : group) {
                    part.awaitReady();
                }
                writePidFile();
                Duration ready = Duration.ofNanos(System.nanoTime() - t0);
                String names = String.join(", ", group.stream().map(Part::name).toList());
                synchronized (lock) {
                    readyTimes.put(names, ready);
                }
                Log.info(names + " ready in " + ready.toSeconds() + " s");
            }
            if (config.demoData()) {
                DemoData.load(config);
            }
        } catch (RuntimeException e) {
            boolean interrupted;
            synchronized (lock) {
                interrupted = stopping;
            }
            stop();
            throw interrupted ? new StackException("stopped before everything was ready (Ctrl-C or run stop)") : e;
        }
    }

    private List<List<Part>> plan() {
        List<List<Part>> groups = new ArrayList<>();
        groups.add(List.of(new PostgresPart(config)));
        if (config.externalKafka() == null) {
            groups.add(List.of(new KafkaPart(config)));
        } else {
            Log.info("Kafka: using " + config.externalKafka() + " (CTIMS_KAFKA_BROKERS)");
        }
        if (config.externalIssuer() == null) {
            groups.add(List.of(new KeycloakPart(config)));
        } else {
            Log.info("Keycloak: using " + config.externalIssuer() + " (CTIMS_ISSUER_URI)");
        }
        // the services do not depend on each other at start-up: start them together
        List<Part> services = new ArrayList<>();
        config.servicePorts().forEach((name, port) -> {
            ServicePart part = new ServicePart(config, name + "-service", port);
            if (config.starts(part.name()) && part.runnable()) {
                services.add(part);
            }
        });
        if (!services.isEmpty()) {
            groups.add(services);
        }
        ServicePart gateway = new ServicePart(config, "gateway", config.gatewayPort());
        gatewayRunning = config.starts(gateway.name()) && gateway.runnable();
        if (gatewayRunning) {
            groups.add(List.of(gateway));
        }
        return groups;
    }

    private void checkPortsFree(List<List<Part>> groups) {
        Set<Integer> seen = new HashSet<>();
        List<String> taken = new ArrayList<>();
        for (List<Part> group : groups) {
            for (Part part : group) {
                for (int port : part.portsNeeded()) {
                    if (!seen.add(port)) {
                        taken.add("port " + port + " is configured twice (" + part.name() + ")");
                    } else if (Net.listening(config.host(), port)) {
                        taken.add("port " + port + " (needed by " + part.name() + ") is already in use on " + config.host());
                    }
                }
            }
        }
        if (!taken.isEmpty()) {
            throw new StackException(String.join("\n  ", taken)
                    + "\nStop what uses it (infra/local/run stop, if it is an earlier run), or move the part"
                    + " to another port (see infra/local/README.md).");
        }
    }

    /**
     * Kills one running part the way a crash would (SIGKILL to its processes; an embedded
     * PostgreSQL is stopped), for fault tests. {@link #restartPart} starts it again.
     */
    public void killPart(String name) {
        Part part = launchedPart(name);
        Log.info(name + ": killed");
        part.kill();
    }

    /** Stops one running part in order (SIGTERM, or PostgreSQL's own shutdown); {@link #restartPart} starts it again. */
    public void stopPart(String name) {
        Part part = launchedPart(name);
        Log.info(name + ": stopped");
        part.stop();
    }

    /** Starts a part that was killed or stopped again, with the same data, and waits until it is healthy. */
    public Duration restartPart(String name) {
        Part part = launchedPart(name);
        long t0 = System.nanoTime();
        synchronized (lock) {
            part.launch();
            writePidFile();
        }
        part.awaitReady();
        writePidFile();
        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
        Log.info(name + " ready again in " + ready.toMillis() + " ms");
        return ready;
    }

    /**
     * Starts one more instance of a service module that runs already (same jar, database, broker and
     * environment; its own port and log, {@code name}.log) and waits until it is healthy, e.g. a second
     * consumer in the module's groups. It is a part like the others: {@link #killPart}, {@link #stopPart}
     * and {@link #restartPart} take its name, {@link #stop} stops it with the rest.
     */
    public Duration startInstance(String module, String name, int port) {
        ServicePart part = new ServicePart(config, module, name, port);
        long t0 = System.nanoTime();
        synchronized (lock) {
            checkInstance(module, name, port);
            launched.add(part);
            part.launch();
            writePidFile();
        }
        part.awaitReady();
        writePidFile();
        Duration ready = Duration.ofNanos(System.nanoTime() - t0);
        Log.info(name + " (another instance of " + module + ", port " + port + ") ready in " + ready.toMillis() + " ms");
        return ready;
    }

    private void checkInstance(String module, String name, int port) {
        if (launched.stream().noneMatch(p -> p.name().equals(module) && p instanceof ServicePart)) {
            throw new StackException("cannot start another instance of " + module + ": it was not started (started: "
                    + launched.stream().map(Part::name).toList() + ")");
        }
        if (launched.stream().anyMatch(p -> p.name().equals(name))) {
            throw new StackException("a part named " + name + " was started already");
        }
        if (launched.stream().anyMatch(p -> p.portsNeeded().contains(port)) || Net.listening(config.host(), port)) {
            throw new StackException("port " + port + " (needed by " + name + ") is already in use on " + config.host());
        }
    }

    private Part launchedPart(String name) {
        synchronized (lock) {
            return launched.stream().filter(p -> p.name().equals(name)).findFirst()
                    .orElseThrow(() -> new StackException("no part named " + name + " was started (started: "
                            + launched.stream().map(Part::name).toList() + ")"));
        }
    }

    /** Stops every part that was launched, in reverse order. Safe to call more than once, from any thread. */
    public void stop() {
        List<Part> toStop;
        synchronized (lock) {
            stopping = true;
            toStop = new ArrayList<>(launched);
            launched.clear();
        }
        if (toStop.isEmpty()) {
            return;
        }
        for (int i = toStop.size() - 1; i >= 0; i--) {
            Part part = toStop.get(i);
            try {
                part.stop();
            } catch (RuntimeException e) {
                Log.info("stopping " + part.name() + " failed: " + e.getMessage());
            }
        }
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (java.io.IOException e) {
            // entries are checked against start times anyway
        }
        Log.info("stopped");
    }

    @Override
    public void close() {
        stop();
    }

    private void writePidFile() {
        List<PidFile.Entry> entries = new ArrayList<>();
        entries.add(PidFile.Entry.of("launcher", ProcessHandle.current()));
        for (Part part : launched) {
            part.processes().forEach(h -> entries.add(PidFile.Entry.of(part.name(), h)));
        }
        PidFile.write(config.pidFile(), entries);
    }

    /** Blocks, reporting any part whose process ends by itself. */
    private void watch() throws InterruptedException {
        Set<String> reported = new HashSet<>();
        while (true) {
            List<Part> parts;
            synchronized (lock) {
                if (stopping) {
                    return;
                }
                parts = new ArrayList<>(launched);
            }
            for (Part part : parts) {
                boolean dead = part.processes().isEmpty() ? false : part.processes().stream().noneMatch(ProcessHandle::isAlive);
                if (dead && reported.add(part.name())) {
                    Path log = config.logDir().resolve(part.name() + ".log");
                    Log.info(part.name() + " ended unexpectedly. Last lines of " + log + ":\n" + ChildProcess.tail(log, 30));
                }
            }
            Thread.sleep(2000);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        StackConfig config = StackConfig.fromEnvironment(findRepoRoot(), System.getenv());
        String command = args.length == 0 ? "start" : args[0];
        switch (command) {
            case "start" -> run(config);
            case "stop" -> PidFile.stopAll(config.pidFile());
            default -> {
                System.err.println("usage: infra/local/run [start|stop]");
                System.exit(2);
            }
        }
    }

    private static void run(StackConfig config) throws InterruptedException {
        LocalStack stack = new LocalStack(config);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "ctims-local-stop"));
        long t0 = System.nanoTime();
        Log.info("starting CTIMS from " + config.repoRoot() + " (JDK " + config.javaHome() + ", logs in " + config.logDir() + ")");
        try {
            stack.start();
        } catch (StackException e) {
            System.err.println("\nCTIMS did not start: " + e.getMessage());
            System.exit(1);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - t0).toSeconds();
        System.out.println();
        if (stack.gatewayRunning()) {
            System.out.println("CTIMS is ready (" + seconds + " s): " + config.gatewayUrl());
        } else {
            System.out.println("CTIMS started without the gateway (its module has no runnable jar yet) in " + seconds + " s");
        }
        System.out.println("  Sign in as teacher-a/teacher-a, teacher-b/teacher-b, admin-a/admin-a or state/state.");
        if (config.externalIssuer() == null) {
            System.out.println("  Keycloak admin console: " + config.keycloakUrl() + "/admin ("
                    + config.keycloakAdminUser() + "/" + config.keycloakAdminPassword() + ")");
        }
        System.out.println("  Logs: " + config.logDir());
        System.out.println("  Stop: Ctrl-C here, or infra/local/run stop");
        System.out.println();
        stack.watch();
    }

    /** The repository: -Dctims.repo, else the nearest folder above the working directory holding infra/local. */
    public static Path findRepoRoot() {
        String given = System.getProperty("ctims.repo", System.getenv("CTIMS_REPO"));
        if (given != null) {
            return Path.of(given);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/local")) && Files.exists(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new StackException("run this from inside the CTIMS repository (or set CTIMS_REPO)");
    }
}
