package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Runs axe-core (the {@code axe.min.js} that Deque ships in its Selenium artifact) in the page and
 * fails on serious or critical accessibility violations, listing each with the elements concerned.
 */
final class Axe {

    private static final String SOURCE = load();

    private Axe() {
    }

    static void assertNoSeriousViolations(JavascriptExecutor browser, String screen) {
        browser.executeScript(SOURCE);
        Object answer = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({
                      id: v.id, impact: v.impact, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' '))})))))
                  .catch(e => done('error ' + e));
                """);
        String json = String.valueOf(answer);
        assertThat(json).as("axe-core on %s", screen).doesNotStartWith("error");
        List<Map<String, Object>> serious = JsonPath.read(json, "$[?(@.impact == 'serious' || @.impact == 'critical')]");
        assertThat(serious).as("serious or critical accessibility violations on %s", screen).isEmpty();
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
