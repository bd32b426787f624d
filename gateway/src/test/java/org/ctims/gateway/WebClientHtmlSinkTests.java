package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The web client builds its pages from DOM nodes and {@code textContent} only, so text from the
 * services (names, job titles, anything a user typed) is always shown as text, never run as HTML
 * or script. This test fails if any script the gateway serves hands a string to an HTML parser:
 * an assignment to {@code innerHTML}/{@code outerHTML} (also in bracket notation),
 * {@code insertAdjacentHTML} or {@code document.write}.
 */
class WebClientHtmlSinkTests {

    private static final Path RESOURCES = Path.of("src", "main", "resources");
    private static final Pattern SINK = Pattern.compile(
            "(?:\\.\\s*(?:innerHTML|outerHTML)|\\[\\s*['\"`](?:innerHTML|outerHTML)['\"`]\\s*])\\s*(?:\\+|\\|\\||&&|\\?\\?)?=(?!=)"
                    + "|\\binsertAdjacentHTML\\s*\\(|\\bdocument\\s*\\.\\s*write(?:ln)?\\s*\\(");

    /** Each {@code file:line: text} where a script hands a string to the HTML parser. */
    static List<String> sinks(String file, String script) {
        List<String> found = new ArrayList<>();
        String[] lines = script.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SINK.matcher(lines[i]);
            if (m.find()) {
                found.add(file + ":" + (i + 1) + ": " + lines[i].strip());
            }
        }
        return found;
    }

    @Test
    void everySinkOfThePlantedSamplesIsFound() {
        List<String> planted = List.of(
                "row.innerHTML = name;",
                "cell.innerHTML += '<b>' + title + '</b>';",
                "el.outerHTML = html;",
                "el['innerHTML'] = html;",
                "el[\"outerHTML\"]=html;",
                "list.insertAdjacentHTML('beforeend', item);",
                "document.write(banner);",
                "document.writeln(banner);",
                "node . innerHTML ||= fallback;");
        for (String sample : planted) {
            assertThat(sinks("planted.js", sample)).as(sample).hasSize(1);
        }
    }

    @Test
    void readingAndTextAreNotSinks() {
        String safe = """
                cell.textContent = name;
                if (el.innerHTML === '') { return; }
                const before = el.innerHTML;
                el.setAttribute('title', title);
                // innerHTML is never used: see dom.js
                """;
        assertThat(sinks("safe.js", safe)).isEmpty();
    }

    @Test
    void noScriptOfTheWebClientHandsAStringToTheHtmlParser() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            scripts = files.filter(f -> f.toString().endsWith(".js") || f.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(scripts).as("scripts and pages under %s", RESOURCES).anyMatch(f -> f.toString().endsWith(".js"));
        List<String> found = scripts.stream().flatMap(f -> sinks(f.toString(), read(f)).stream()).toList();
        assertThat(found).as("HTML sinks in the web client").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
