package org.ctims.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How long a screen took to appear in the browser: from the client's {@code ctims:navigation}
 * mark (a screen's start, set when the address changes) to its {@code ctims:<screen>-rendered}
 * mark (the data drawn), both User Timing marks on the page's clock. Written to the test output
 * and to {@code target/timings.txt}; a measurement, never asserted (the machine's load decides
 * too much of it).
 */
final class Timings {

    private static final Path FILE = Path.of("target/timings.txt");
    private static final String MEASURE = """
            const marks = performance.getEntriesByName(arguments[0], 'mark');
            if (marks.length === 0) return null;
            const end = marks[marks.length - 1].startTime;
            const starts = performance.getEntriesByName('ctims:navigation', 'mark').filter((m) => m.startTime <= end);
            const start = starts.length ? starts[starts.length - 1].startTime : 0;
            const api = performance.getEntriesByType('resource')
                .filter((r) => r.name.includes('/api/') && r.startTime >= start && r.responseEnd <= end)
                .reduce((longest, r) => Math.max(longest, r.responseEnd - r.startTime), 0);
            return [end - start, api];""";

    private Timings() {
    }

    /** Records the time of the latest {@code ctims:<rendered>} mark, waiting for it to be set. */
    static void record(Ui ui, String screen, String rendered) {
        @SuppressWarnings("unchecked")
        List<Number> figures = Ui.eventually().until(() -> (List<Number>) ui.script(MEASURE, "ctims:" + rendered), Objects::nonNull);
        String line = String.format(Locale.ROOT, "%s timing: %s drawn %.0f ms after the navigation (longest API call %.0f ms)",
                Instant.now(), screen, figures.get(0).doubleValue(), figures.get(1).doubleValue());
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
