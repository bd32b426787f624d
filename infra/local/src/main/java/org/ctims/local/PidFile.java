package org.ctims.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The processes one run started, one line each: name, pid, start time. The start time makes
 * {@code run stop} end exactly those processes, never an unrelated one that reused a pid.
 */
final class PidFile {

    private PidFile() {
    }

    record Entry(String name, long pid, long startMillis) {

        static Entry of(String name, ProcessHandle handle) {
            return new Entry(name, handle.pid(), startOf(handle));
        }

        /** The live process of this entry, if it still runs (same pid and same start time). */
        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> startOf(h) == startMillis);
        }

        String line() {
            return name + " " + pid + " " + startMillis;
        }
    }

    static void write(Path file, List<Entry> entries) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, entries.stream().map(Entry::line).toList());
        } catch (IOException e) {
            Log.info("could not write " + file + ": " + e.getMessage());
        }
    }

    static List<Entry> read(Path file) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3) {
                    entries.add(new Entry(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no file or a damaged one: nothing we can safely stop
        }
        return entries;
    }

    /** The launcher of an earlier run that still runs, if any. */
    static Optional<ProcessHandle> runningLauncher(Path file) {
        return read(file).stream().filter(e -> e.name().equals("launcher")).findFirst().flatMap(Entry::live)
                .filter(h -> h.pid() != ProcessHandle.current().pid());
    }

    /** Stops the launcher (whose shutdown hook stops its children), then whatever child is left. */
    static void stopAll(Path file) {
        List<Entry> entries = read(file);
        if (entries.isEmpty()) {
            Log.info("nothing to stop (no " + file + ")");
            return;
        }
        for (Entry e : entries) {
            e.live().ifPresent(h -> {
                Log.info("stopping " + e.name() + " (pid " + e.pid() + ")");
                if (e.name().equals("launcher")) {
                    // only the launcher: its shutdown hook stops the children in order
                    ChildProcess.stop(List.of(h), Duration.ofSeconds(90));
                } else {
                    ChildProcess.stop(h, Duration.ofSeconds(30));
                }
            });
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // harmless: entries are checked against start times
        }
        Log.info("stopped");
    }

    private static long startOf(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
