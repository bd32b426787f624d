package org.ctims.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The launcher's own console output: one timestamped line per step. */
final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Log() {
    }

    static void info(String message) {
        System.out.println("[ctims-local " + LocalTime.now().format(TIME) + "] " + message);
        System.out.flush();
    }
}
