package org.ctims.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.ctims.local.StackConfig;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** The web client as a user drives it: sign in, find things, wait for them, keep screenshots. */
final class Ui {

    static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    /** A sign-in takes 2–10 s on a loaded 2-core machine (Keycloak's form, the code exchange, the page). */
    private static final Duration SIGN_IN_WAIT = Duration.ofSeconds(60);

    final ChromeDriver browser;
    private final StackConfig stack;

    Ui(ChromeDriver browser, StackConfig stack) {
        this.browser = browser;
        this.stack = stack;
    }

    /** Bounded polling that tolerates a page still being replaced (elements not there yet). */
    static ConditionFactory eventually() {
        return await().atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions();
    }

    void signIn(String user, String screenshot) {
        browser.get(stack.gatewayUrl() + "/");
        eventually().until(() -> !browser.findElements(By.id("kc-login")).isEmpty());
        if (screenshot != null) {
            screenshot(screenshot);
        }
        if (!submitSignIn(user, SIGN_IN_WAIT)) {
            screenshot("sign-in-failed-" + user);
            String text = String.valueOf(browser.executeScript("return document.body ? document.body.innerText : ''"));
            throw new AssertionError("sign-in as " + user + " did not reach the start page within " + SIGN_IN_WAIT.toSeconds()
                    + " s; the browser is at " + browser.getCurrentUrl() + " showing: " + text.substring(0, Math.min(400, text.length())));
        }
    }

    /** Fills in Keycloak's form and submits it; whether the start page came within the time. */
    private boolean submitSignIn(String user, Duration within) {
        // the whole login page first (the driver hands it over once the DOM is there)
        eventually().until(() -> "complete".equals(browser.executeScript("return document.readyState")));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(user);
        // Submitted from a script that returns at once: a click waits for the whole redirect chain
        // (Keycloak, the gateway's code exchange, the page), which the first sign-in after the
        // stack starts can take longer than the driver's renderer timeout. The wait below checks
        // where the browser ends up.
        browser.executeScript("setTimeout(() => document.getElementById('kc-login').click(), 0)");
        try {
            await().atMost(within).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> browser.getCurrentUrl().startsWith(stack.gatewayUrl() + "/")
                            && !browser.findElements(By.id("load-data")).isEmpty());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    WebElement find(String css) {
        return eventually().until(() -> browser.findElement(By.cssSelector(css)), e -> e.isDisplayed());
    }

    List<WebElement> all(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    void select(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    String selected(String css) {
        return new Select(browser.findElement(By.cssSelector(css))).getFirstSelectedOption().getAttribute("value");
    }

    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Alt+Shift+key: the report's navigation shortcuts. */
    void shortcut(String key) {
        new Actions(browser).keyDown(Keys.ALT).keyDown(Keys.SHIFT).sendKeys(key).keyUp(Keys.SHIFT).keyUp(Keys.ALT).perform();
    }

    /** Clicks a button of an open dialog by its value. */
    void answerDialog(String choice) {
        find("dialog[open] button[data-choice='" + choice + "']").click();
        eventually().until(() -> browser.findElements(By.cssSelector("dialog[open]")).isEmpty());
    }

    Object script(String script, Object... args) {
        return browser.executeScript(script, args);
    }

    /** GET through the page's session, as the page's own code would: "status body". */
    String fetch(String path) {
        return String.valueOf(browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {headers: {Accept: 'application/json'}})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)))
                  .catch(e => done('error ' + e));
                """, path));
    }

    /**
     * Saves a report from the same session behind the page's back, as a second tab (or a colleague)
     * would: the stored answers with some changed, at the stored version. Answers the HTTP status.
     */
    Object saveElsewhere(String reportId, java.util.Map<String, Object> changes) {
        return browser.executeAsyncScript("""
                const [id, changes, done] = arguments;
                const token = decodeURIComponent((document.cookie.split('; ')
                    .find(c => c.startsWith('XSRF-TOKEN=')) || '=').split('=')[1]);
                fetch('/api/followups/' + id, {headers: {Accept: 'application/json'}}).then(async r => {
                  const report = await r.json();
                  const body = {...report.answers, certifications: report.certifications, ...changes};
                  const put = await fetch('/api/followups/' + id, {method: 'PUT', body: JSON.stringify(body),
                      headers: {'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag'), 'X-XSRF-TOKEN': token}});
                  done(put.status);
                }).catch(e => done('error ' + e));
                """, reportId, changes);
    }

    String reportIdInAddress() {
        return browser.getCurrentUrl().replaceAll(".*/report/([0-9a-f-]{36}).*", "$1");
    }

    /**
     * The cells' text of a table's body rows, read in one script so that a table the page redraws
     * meanwhile (a refresh) cannot go stale half-way; empty when the table is not there.
     */
    @SuppressWarnings("unchecked")
    List<List<String>> rows(String tableCss) {
        return (List<List<String>>) browser.executeScript("""
                const table = document.querySelector(arguments[0]);
                return table ? Array.from(table.tBodies[0].rows, r => Array.from(r.cells, c => c.innerText.trim())) : [];
                """, tableCss);
    }

    /** Clicks a download button and waits for the file (in the browser's download folder) and the page's "Downloaded". */
    Path download(String buttonCss, String fileName) throws IOException {
        Path file = Browser.DOWNLOADS.resolve(fileName);
        Files.deleteIfExists(file);
        find(buttonCss).click();
        eventually().until(() -> Files.exists(file) && Files.size(file) > 0 && text("[data-testid=status]").contains("Downloaded"));
        return file;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void checkAccessibility(String screen) {
        Axe.assertNoSeriousViolations(browser, screen);
    }
}
