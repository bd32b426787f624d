package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.util.List;
import org.ctims.local.StackConfig;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/** A teacher signs in through Keycloak's login page in a real browser, and signs out again. */
@ExtendWith(RunningStack.class)
class BrowserSignInIT {

    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    private final StackConfig stack;
    private ChromeDriver browser;

    BrowserSignInIT(StackConfig stack) {
        this.stack = stack;
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void teacherSignsInAndSeesTheirNameSchoolAndRoles() {
        signIn("teacher-a", "teacher-a");

        eventually().untilAsserted(() -> {
            assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo("Alice Adams");
            // the name comes from the roster service, which the demo SIS filled
            assertThat(browser.findElement(By.id("schools")).getText()).contains("Sample High School (PID 10001)");
        });

        Object body = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/me', {headers: {Accept: 'application/json'}})
                  .then(r => r.text().then(t => done(r.status + ' ' + t)))
                  .catch(e => done('error ' + e));
                """);
        String response = String.valueOf(body);
        assertThat(response).startsWith("200 ");
        String json = response.substring(4);
        assertThat(JsonPath.<List<String>>read(json, "$.roles")).containsExactly("teacher");
        assertThat(JsonPath.<List<String>>read(json, "$.organizations[*].pid")).containsExactly("10001");
        assertThat(JsonPath.<String>read(json, "$.username")).isEqualTo("teacher-a");
    }

    @Test
    void signingOutEndsTheSession() {
        signIn("teacher-a", "teacher-a");
        eventually().until(() -> browser.findElement(By.id("user-name")).getText().equals("Alice Adams"));

        // clicked from a script that returns at once: a click waits for the whole redirect chain
        // (gateway, Keycloak's logout, the gateway again), which can outlast the driver's renderer timeout
        browser.executeScript("setTimeout(() => document.getElementById('sign-out-button').click(), 0)");
        // Keycloak ends its session and sends the browser back to the gateway, which asks for a login again
        eventually().until(this::onLoginPage);

        // a new visit lands on a new login page (each authorization request has its own state);
        // started by the page after the script returned, so the driver does not block on the redirect chain
        String loginPageAfterSignOut = browser.getCurrentUrl();
        visitTheGatewayAgain();
        assertThat(newLoginPageWithin(loginPageAfterSignOut, PAGE_WAIT)).as("a new login page after signing out").isTrue();
    }

    private void visitTheGatewayAgain() {
        browser.executeScript("const to = arguments[0]; setTimeout(() => window.location.assign(to), 0)", stack.gatewayUrl() + "/");
    }

    private boolean newLoginPageWithin(String previous, Duration wait) {
        try {
            await().atMost(wait).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> !browser.getCurrentUrl().equals(previous) && onLoginPage());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    private void signIn(String username, String password) {
        browser.get(stack.gatewayUrl() + "/");
        eventually().until(this::onLoginPage);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.executeScript("setTimeout(() => document.getElementById('kc-login').click(), 0)");
        eventually().until(() -> browser.getCurrentUrl().startsWith(stack.gatewayUrl() + "/"));
    }

    /** Bounded polling that tolerates a page still being replaced (elements not there yet). */
    private static ConditionFactory eventually() {
        return await().atMost(PAGE_WAIT).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }

    private boolean onLoginPage() {
        return browser.getCurrentUrl().startsWith(stack.issuerUri() + "/protocol/openid-connect/auth")
                && !browser.findElements(By.id("kc-login")).isEmpty();
    }
}
