package org.ctims.local;

import java.util.List;

/** One piece of the local stack: launched, then awaited until healthy, stopped in reverse order. */
interface Part {

    String name();

    /** Ports on 127.0.0.1 that must be free before {@link #launch()}; checked for all parts before anything starts. */
    default List<Integer> portsNeeded() {
        return List.of();
    }

    /** Starts the part without waiting for it. */
    void launch();

    /** Waits (bounded) until the part is healthy; throws {@link StackException} with the tail of its log otherwise. */
    void awaitReady();

    /** Stops what {@link #launch()} started; safe to call more than once and when nothing was started. */
    void stop();

    /**
     * Ends the part abruptly, as a crash would (SIGKILL, no shutdown hooks); {@link #launch()} and
     * {@link #awaitReady()} start it again. A part without a process of its own just stops.
     */
    default void kill() {
        stop();
    }

    /** Processes started by this part, for the pid file. */
    default List<ProcessHandle> processes() {
        return List.of();
    }
}
