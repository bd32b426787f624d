package org.ctims.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** An operating-system process whose output goes to one log file. */
final class ChildProcess {

    private static final Duration POLL = Duration.ofMillis(250);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            return new ChildProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new StackException(name + ": could not start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    /** Waits for the process to end by itself (a tool run), failing if it does not end well in time. */
    void awaitSuccess(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop();
                throw failure("did not finish within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException(name + ": interrupted");
        }
        if (process.exitValue() != 0) {
            throw failure("exited with code " + process.exitValue());
        }
    }

    /** Polls {@code ready} until it is true; fails early when the process dies, and after {@code timeout}. */
    void awaitReady(Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw failure("was not ready within " + timeout.toSeconds() + " s");
            }
            pause();
        }
    }

    StackException failure(String what) {
        return new StackException(name + " " + what + ". Last lines of " + log + ":\n" + tail(log, 30));
    }

    /** SIGTERM to the process and its descendants, SIGKILL after a grace period. */
    void stop() {
        stop(process.toHandle(), Duration.ofSeconds(30));
    }

    /**
     * SIGKILL to the process and its descendants, no grace: what a crash or an out-of-memory kill
     * does. Returns once every one of them has ended (bounded by {@code timeout}).
     */
    void kill(Duration timeout) {
        List<ProcessHandle> all = new java.util.ArrayList<>(process.toHandle().descendants().toList());
        all.add(0, process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle p : all) {
            while (p.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new StackException(name + ": pid " + p.pid() + " still alive " + timeout.toSeconds()
                            + " s after SIGKILL");
                }
                pause();
            }
        }
    }

    /** The exit code once the process has ended (137 after SIGKILL), empty while it runs. */
    java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    static void stop(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new java.util.ArrayList<>(root.descendants().toList());
        all.add(0, root);
        stop(all, grace);
    }

    static void stop(List<ProcessHandle> all, Duration grace) {
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle p : all) {
            while (p.isAlive() && System.nanoTime() < deadline) {
                pause();
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "  (no log)";
        }
        try (var in = new java.io.RandomAccessFile(file.toFile(), "r")) {
            long from = Math.max(0, in.length() - 64 * 1024);
            byte[] bytes = new byte[(int) (in.length() - from)];
            in.seek(from);
            in.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return "  " + String.join("\n  ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "  (log unreadable: " + e.getMessage() + ")";
        }
    }

    static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }
}
