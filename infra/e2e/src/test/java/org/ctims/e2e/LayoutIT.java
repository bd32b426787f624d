package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctims.e2e.Ui.eventually;

import java.util.List;
import java.util.Map;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;

/**
 * The message bar never lies over the screen: at 1280×800, with a message shown, the student
 * list's last row and pager and the report's bottom navigation are scrolled to the bottom edge
 * of what can be seen and are still the element at their own centre. Reads only: nothing is
 * saved, so the other browser tests' figures are not touched.
 */
class LayoutIT extends BrowserTest {

    private static final String YEAR = "2018-2019";

    LayoutIT(StackConfig stack) {
        super(stack);
    }

    @Test
    void theMessageBarCoversNeitherTheListsLastRowsNorTheReportsBottomButtons() {
        ui.browser.manage().window().setSize(new Dimension(1280, 800));
        ui.signIn("teacher-a", null);
        ui.browser.get(stack.gatewayUrl() + "/#/?task=certificates");
        ui.find("label[for=task-certificates]").click();
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        eventually().until(() -> ui.all("tr[data-stn]").size() > 10);
        Timings.record(ui, "certificate list (every grade)", "list-rendered");
        assertThat((Long) ui.script("""
                const main = document.querySelector('main');
                return Math.max(main.scrollHeight - main.clientHeight, document.documentElement.scrollHeight - window.innerHeight);"""))
                .as("the list is taller than the window, else nothing could be covered").isPositive();

        eventually().untilAsserted(() -> {
            ui.find("#refresh").click();
            eventually().until(() -> ui.text("[data-testid=status]").startsWith("List refreshed"));
            List<WebElement> rows = ui.all("tr[data-stn]");
            List<WebElement> pager = ui.all(".pager button, .pager select");
            assertThat(pager).isNotEmpty();
            assertUncovered(rows.get(rows.size() - 1), "the list's last row");
            assertUncovered(pager.get(pager.size() - 1), "the list's last pager control");
        });
        assertThat((Boolean) ui.script("return document.documentElement.scrollHeight <= window.innerHeight"))
                .as("the screen scrolls, not the page: header, message bar and footer stay in sight").isTrue();
        ui.screenshot("08-layout-list-with-message");

        List<WebElement> links = ui.all("tr[data-stn] [data-testid=student-link]");
        links.get(links.size() - 1).click();
        ui.find("#tookCertificationTest");
        List<WebElement> bottomNav = ui.all(".report-nav.bottom button, .report-nav.bottom a");
        assertThat(bottomNav).hasSizeGreaterThanOrEqualTo(7);
        eventually().untilAsserted(() -> {
            bottomNav.stream().filter(b -> "cancel".equals(b.getAttribute("data-nav"))).findFirst().orElseThrow().click();
            for (WebElement button : bottomNav) {
                assertUncovered(button, "the report's bottom " + button.getText());
            }
        });
        ui.screenshot("08-layout-report-with-message");
        ui.checkAccessibility("report (message shown)");
    }

    /** Scrolls {@code element} to the bottom of the visible area and checks it is what is drawn at its centre, a message being shown. */
    private void assertUncovered(WebElement element, String what) {
        @SuppressWarnings("unchecked")
        Map<String, Object> seen = (Map<String, Object>) ui.script("""
                const el = arguments[0];
                el.scrollIntoView({ block: 'end', inline: 'nearest' });
                const r = el.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                const message = document.getElementById('status').textContent + document.getElementById('alert').textContent;
                return { message, inWindow: r.bottom <= window.innerHeight && r.top >= 0,
                         self: hit !== null && (hit === el || el.contains(hit)),
                         hit: hit === null ? 'nothing' : hit.tagName + '.' + hit.className };
                """, element);
        assertThat((String) seen.get("message")).as("a message is shown").isNotBlank();
        assertThat((Boolean) seen.get("inWindow")).as(what + " is inside the window").isTrue();
        assertThat((Boolean) seen.get("self")).as(what + " is covered by " + seen.get("hit")).isTrue();
    }
}
