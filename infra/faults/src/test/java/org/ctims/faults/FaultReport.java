package org.ctims.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ctims.local.LocalStack;

/**
 * What one fault test tried and what held, as measured, written into {@code docs/RELIABILITY.md}
 * as that fault's block (between the suite's markers, blocks in fault order; other faults' blocks and
 * everything outside the markers stay). Checks are recorded first and asserted after the block is
 * written, so a failed run is documented as failed.
 */
final class FaultReport {

    static final String BEGIN = "<!-- infra/faults writes from here -->";
    static final String END = "<!-- infra/faults writes up to here -->";
    private static final Pattern BLOCK = Pattern.compile("<!-- fault (\\d+) -->\\n.*?<!-- /fault \\1 -->\\n", Pattern.DOTALL);

    record Check(String what, boolean held, String measured) {
    }

    private final int number;
    private final String title;
    private final List<String> facts = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final ZonedDateTime started = ZonedDateTime.now().withNano(0);

    FaultReport(int number, String title) {
        this.number = number;
        this.title = title;
    }

    /** A line of what was done: what was injected, how many records, how many runs. */
    FaultReport fact(String line) {
        facts.add(line);
        return this;
    }

    /** A check and the figures it rests on. */
    FaultReport check(String what, boolean held, String measured) {
        checks.add(new Check(what, held, measured));
        return this;
    }

    FaultReport check(String what, long expected, long actual, String unit) {
        return check(what, expected == actual, actual + " " + unit + " (expected " + expected + ")");
    }

    String block() {
        StringBuilder md = new StringBuilder();
        md.append("<!-- fault ").append(number).append(" -->\n");
        md.append("### ").append(number).append(". ").append(title).append("\n\n");
        md.append("- Run: ").append(started.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(", ")
                .append(checks.stream().allMatch(Check::held) ? "every check held" : "**FAILED**").append('\n');
        facts.forEach(f -> md.append("- ").append(f).append('\n'));
        md.append("\n| check | held | measured |\n|---|---|---|\n");
        for (Check c : checks) {
            md.append("| ").append(cell(c.what())).append(" | ").append(c.held() ? "yes" : "**no**").append(" | ")
                    .append(cell(c.measured())).append(" |\n");
        }
        md.append("\n<!-- /fault ").append(number).append(" -->\n");
        return md.toString();
    }

    /** Writes this fault's block into docs/RELIABILITY.md, then fails if any check did not hold. */
    void writeAndAssert() {
        write(LocalStack.findRepoRoot().resolve("docs/RELIABILITY.md"));
        assertHeld();
    }

    /** Fails when nothing was checked or any check did not hold. */
    void assertHeld() {
        List<Check> failed = checks.stream().filter(c -> !c.held()).toList();
        if (checks.isEmpty() || !failed.isEmpty()) {
            throw new AssertionError("fault " + number + " (" + title + "): " + (checks.isEmpty() ? "nothing was checked"
                    : failed.size() + " check(s) did not hold: " + failed));
        }
    }

    synchronized void write(Path file) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : "# Reliability\n";
            Files.writeString(file, merge(existing, number, block()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code existing} with fault {@code n}'s block replaced or added, blocks in fault order. */
    static String merge(String existing, int n, String block) {
        int begin = existing.indexOf(BEGIN);
        int end = existing.indexOf(END);
        String before;
        String inside;
        String after;
        if (begin >= 0 && end > begin) {
            before = existing.substring(0, begin);
            inside = existing.substring(begin + BEGIN.length(), end);
            after = existing.substring(end + END.length());
        } else {
            before = existing.endsWith("\n") ? existing + "\n" : existing + "\n\n";
            inside = "";
            after = "\n";
        }
        TreeMap<Integer, String> blocks = new TreeMap<>();
        Matcher m = BLOCK.matcher(inside);
        while (m.find()) {
            blocks.put(Integer.parseInt(m.group(1)), m.group());
        }
        blocks.put(n, block);
        return before + BEGIN + "\n" + String.join("\n", blocks.values()) + END + after;
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
