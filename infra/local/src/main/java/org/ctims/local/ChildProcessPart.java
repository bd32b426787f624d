package org.ctims.local;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A part that is one child process: stopping it and listing it for the pid file are the same for all. */
abstract class ChildProcessPart implements Part {

    private ChildProcess process;

    /** Records the process {@link #launch()} started. */
    protected final void started(ChildProcess process) {
        this.process = process;
    }

    protected final void awaitReady(Duration timeout, BooleanSupplier ready) {
        process.awaitReady(timeout, ready);
    }

    @Override
    public final void stop() {
        if (process != null) {
            process.stop();
        }
    }

    @Override
    public final void kill() {
        if (process != null) {
            process.kill(Duration.ofSeconds(30));
        }
    }

    @Override
    public final List<ProcessHandle> processes() {
        return process == null ? List.of() : List.of(process.handle());
    }
}
