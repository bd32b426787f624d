package org.ctims.bench.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the latest run into {@code docs/PERFORMANCE.md} between two markers and keeps everything
 * else in the file (the hand-written history of changes and their measured effect).
 */
public final class PerformanceDoc {

    static final String BEGIN = "<!-- infra/bench/run writes from here -->";
    static final String END = "<!-- infra/bench/run writes up to here -->";

    private PerformanceDoc() {
    }

    /** The generated section: date, machine, load, the table, then each workload's details. */
    public static String section(ZonedDateTime date, Machine machine, String loadBefore, String loadAfter,
            List<String> setup, List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append("## Latest run\n\n");
        md.append("- Date: ").append(date.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
        md.append("- Machine: ").append(machine.describe()).append('\n');
        md.append("- Load average (1, 5, 15 min) at start: ").append(loadBefore).append("; at end: ").append(loadAfter)
                .append('\n');
        setup.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append('\n');
        md.append("| workload | figure | baseline (same run) | ratio | target | verdict |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append("| ").append(cell(r.workload())).append(" | ").append(cell(r.figure())).append(" | ")
                    .append(cell(r.baseline())).append(" | ").append(cell(r.ratio())).append(" | ")
                    .append(cell(r.target())).append(" | ").append(cell(r.verdict())).append(" |\n");
        }
        for (Result r : results) {
            if (!r.details().isEmpty()) {
                md.append("\n### ").append(r.workload()).append("\n\n");
                r.details().forEach(line -> md.append("- ").append(line).append('\n'));
            }
        }
        return md.toString();
    }

    /** {@code existing} with the generated section replaced (or added after the title when absent). */
    static String merge(String existing, String section) {
        String block = BEGIN + "\n" + section + END;
        if (existing == null || existing.isBlank()) {
            return "# Performance\n\n" + block + "\n";
        }
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        if (begin >= 0 && end > begin) {
            return existing.substring(0, begin) + block + existing.substring(end + END.length());
        }
        int afterTitle = existing.startsWith("# ") ? existing.indexOf('\n') + 1 : 0;
        return existing.substring(0, afterTitle) + "\n" + block + "\n" + existing.substring(afterTitle);
    }

    public static void write(Path file, String section) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : null;
            Files.createDirectories(file.getParent());
            Files.writeString(file, merge(existing, section));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
