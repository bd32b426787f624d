package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The teacher's path in Firefox, the second engine next to Chromium (the old tool worked in one
 * browser only): sign in through Keycloak, the start page, the student list without horizontal
 * scrolling at 1280 px, a student's report, an answer typed and saved, read back after a reload,
 * sign-out — with mouse clicks and key presses, and no error logged by the page. Uses teacher-b's
 * last school year, which the Chromium tests leave alone.
 */
@ExtendWith(RunningStack.class)
class FirefoxIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final StackConfig stack;

    FirefoxIT(StackConfig stack) {
        this.stack = stack;
    }

    @Test
    void aTeacherSavesAReportInFirefox() throws Exception {
        assertThat(Firefox.installed()).as("Firefox ESR at " + Firefox.EXECUTABLE
                + " (Debian package firefox-esr; .ci/run installs it)").isTrue();
        try (Firefox firefox = Firefox.start()) {
            firefox.open(stack.gatewayUrl() + "/");
            until(firefox, () -> firefox.script("return !!document.getElementById('kc-login')"), "Keycloak's sign-in form");
            firefox.type("#username", "teacher-b");
            firefox.type("#password", "teacher-b");
            firefox.click("#kc-login");
            until(firefox, () -> String.valueOf(firefox.url().startsWith(stack.gatewayUrl() + "/")
                    && Boolean.parseBoolean(firefox.script("return !!document.getElementById('load-data')"))), "the start page");
            assertThat(firefox.script("return document.querySelector('[data-testid=organization]').innerText"))
                    .isEqualTo("Riverside High School (PID 10002)");
            firefox.screenshot("firefox-01-start");

            firefox.click("#load-data");
            until(firefox, () -> firefox.script("return document.querySelectorAll('tr[data-stn]').length > 0"), "the student list");
            assertThat(firefox.script("""
                    const main = document.querySelector('main');
                    return document.documentElement.scrollWidth <= document.documentElement.clientWidth
                        && main.scrollWidth <= main.clientWidth;"""))
                    .as("no horizontal scrolling at 1280 px").isEqualTo("true");
            firefox.screenshot("firefox-02-student-list");

            String stn = firefox.script("const rows = document.querySelectorAll('tr[data-stn]'); return rows[rows.length - 1].dataset.stn");
            firefox.click("tr[data-stn='" + stn + "'] [data-testid=student-link]");
            until(firefox, () -> firefox.script("const s = document.querySelector('[data-testid=stn]'); return !!s && s.innerText === '" + stn + "'"),
                    "the report of " + stn);
            String email = "firefox." + stn + "@example.org";
            firefox.type("#email", email);
            firefox.click("[data-nav=save]");
            until(firefox, () -> firefox.script("return document.querySelector('[data-testid=status]').innerText.startsWith('Saved.')"),
                    "Saved. after the save");
            firefox.screenshot("firefox-03-report-saved");

            String report = firefox.url();
            firefox.open(report);
            until(firefox, () -> firefox.script("const e = document.getElementById('email'); return !!e && e.value === '" + email + "'"),
                    "the saved e-mail after a reload");

            firefox.click("#sign-out-button");
            until(firefox, () -> firefox.script("return !!document.getElementById('kc-login')"), "Keycloak's sign-in form after signing out");
            assertThat(firefox.pageErrors()).as("errors the page logged").isEmpty();
        }
    }

    /** Waits until the page answers "true" to the check; on time-out says what was awaited and where the browser is. */
    private static void until(Firefox firefox, Supplier<String> check, String what) throws IOException {
        try {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> "true".equals(check.get()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            firefox.screenshot("firefox-failed");
            throw new AssertionError("Firefox did not show " + what + " within " + WAIT.toSeconds() + " s; it is at "
                    + firefox.url() + "; the page logged " + firefox.pageErrors(), e);
        }
    }
}
