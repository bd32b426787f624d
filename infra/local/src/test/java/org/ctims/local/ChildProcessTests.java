package org.ctims.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTests {

    @Test
    void killEndsTheProcessAndItsChildrenAtOnceWithoutRunningTheirSignalHandlers(@TempDir Path dir) throws Exception {
        Path marker = dir.resolve("terminated");
        // a shell that would write the marker on SIGTERM, with a child of its own
        ChildProcess shell = ChildProcess.start("shell", List.of("sh", "-c",
                        "trap 'touch " + marker + "; exit 0' TERM; sleep 600 & wait"),
                Map.of(), dir, dir.resolve("logs/shell.log"));
        shell.awaitReady(Duration.ofSeconds(10), () -> !shell.handle().descendants().toList().isEmpty());
        List<ProcessHandle> children = shell.handle().descendants().toList();

        long t0 = System.nanoTime();
        shell.kill(Duration.ofSeconds(10));

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        assertThat(shell.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(shell.exitCode()).hasValue(137);
        assertThat(Files.exists(marker)).as("SIGTERM handler ran").isFalse();
    }

    @Test
    void stopLetsTheProcessShutDownInOrder(@TempDir Path dir) {
        Path marker = dir.resolve("terminated");
        ChildProcess shell = ChildProcess.start("shell", List.of("sh", "-c",
                        "trap 'touch " + marker + "; exit 0' TERM; while true; do sleep 0.1; done"),
                Map.of(), dir, dir.resolve("logs/shell.log"));
        shell.awaitReady(Duration.ofSeconds(10), () -> !shell.handle().descendants().toList().isEmpty());

        shell.stop();

        assertThat(shell.exitCode()).hasValue(0);
        assertThat(Files.exists(marker)).isTrue();
    }
}
