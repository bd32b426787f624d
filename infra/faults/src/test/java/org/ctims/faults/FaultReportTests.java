package org.ctims.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultReportTests {

    @Test
    void aFaultsBlockReplacesItsOwnAndKeepsTheOthersInFaultOrder() {
        String doc = "# Reliability\n\nintro\n\n" + FaultReport.BEGIN + "\n" + block(2, "old two") + FaultReport.END + "\nend\n";

        String merged = FaultReport.merge(FaultReport.merge(doc, 1, block(1, "one")), 2, block(2, "new two"));

        assertThat(merged).startsWith("# Reliability\n\nintro\n\n").endsWith(FaultReport.END + "\nend\n")
                .contains("one", "new two").doesNotContain("old two");
        assertThat(merged.indexOf("<!-- fault 1 -->")).isLessThan(merged.indexOf("<!-- fault 2 -->"));
    }

    @Test
    void aCheckThatDidNotHoldIsWrittenAsFailedAndThenFailsTheTest(@TempDir Path dir) throws Exception {
        FaultReport report = new FaultReport(9, "a fault").check("events", 3, 2, "events");
        Path doc = dir.resolve("RELIABILITY.md");

        report.write(doc);

        assertThat(Files.readString(doc)).contains("**FAILED**", "| events | **no** | 2 events (expected 3) |");
        assertThatThrownBy(report::assertHeld).isInstanceOf(AssertionError.class).hasMessageContaining("events");
        assertThatThrownBy(new FaultReport(8, "nothing checked")::assertHeld).hasMessageContaining("nothing was checked");
    }

    private static String block(int n, String text) {
        return "<!-- fault " + n + " -->\n" + text + "\n<!-- /fault " + n + " -->\n";
    }
}
