package org.ctims.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class HarnessTests {

    @Test
    void percentilesAreNearestRank() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(Duration.ofMillis(ms).toNanos());
        }
        assertThat(latencies.percentile(50)).isEqualTo(Duration.ofMillis(50));
        assertThat(latencies.percentile(95)).isEqualTo(Duration.ofMillis(95));
        assertThat(latencies.percentile(99)).isEqualTo(Duration.ofMillis(99));
        assertThat(latencies.percentile(100)).isEqualTo(Duration.ofMillis(100));
        assertThat(latencies.percentile(0.1)).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void fewSamplesRoundUpAndEmptyOrBadPercentilesFail() {
        Latencies latencies = new Latencies();
        assertThatThrownBy(() -> latencies.percentile(50)).isInstanceOf(IllegalStateException.class);
        assertThat(latencies.summary()).isEqualTo("no samples");
        latencies.add(10);
        latencies.add(30);
        latencies.add(20);
        assertThat(latencies.percentile(50).toNanos()).isEqualTo(20);
        assertThat(latencies.percentile(95).toNanos()).isEqualTo(30);
        assertThat(latencies.summary()).isEqualTo("p50 0.00 ms, p95 0.00 ms, p99 0.00 ms");
        assertThat(Format.ratio(0.0013)).isEqualTo("0.0013×");
        assertThat(Format.ratio(1.5)).isEqualTo("1.50×");
        assertThatThrownBy(() -> latencies.percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> latencies.percentile(101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theGeneratedSectionReplacesOnlyItselfAndKeepsTheHistory() {
        Result result = new Result("Search | p95", "p95 2.0 ms", "p95 1.0 ms", "2.00×", "≤ 2×", "met", List.of("20 users"));
        String section = PerformanceDoc.section(ZonedDateTime.parse("2026-11-29T11:00:00Z"),
                new Machine(2, 24_000, "cpu", "Linux", "JDK 21"), "1.0 1.0 1.0", "2.0 2.0 2.0", List.of("stack"), List.of(result));
        assertThat(section).contains("| Search \\| p95 | p95 2.0 ms | p95 1.0 ms | 2.00× | ≤ 2× | met |")
                .contains("2 cores (cpu), 23.4 GiB memory").contains("2026-11-29T11:00:00Z").contains("- 20 users");

        String first = PerformanceDoc.merge(null, section);
        assertThat(first).startsWith("# Performance\n\n" + PerformanceDoc.BEGIN);
        String withHistory = first + "\n## Changes and their measured effect\n- batched relay: 5×\n";
        String second = PerformanceDoc.merge(withHistory, "## Latest run\nnew figures\n");
        assertThat(second).contains("new figures").doesNotContain("p95 2.0 ms").contains("- batched relay: 5×");
        assertThat(second.indexOf(PerformanceDoc.BEGIN)).isEqualTo(second.lastIndexOf(PerformanceDoc.BEGIN));

        String handWritten = PerformanceDoc.merge("# Performance\nintro\n", "## Latest run\nx\n");
        assertThat(handWritten).startsWith("# Performance\n\n" + PerformanceDoc.BEGIN).endsWith("intro\n");
    }
}
