package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.ctims.e2e.Ui.eventually;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A teacher completes last year's follow-up in the browser, as the guidebook walks through it:
 * school and year, a deceased student, one without and one with two certifications, moving on
 * with an unsaved change, the list's completion and its Excel export; the certificate collection;
 * a teacher of another school sees none of it. Every screen is checked with axe-core and kept as
 * a screenshot in target/screenshots.
 */
class TeacherFollowUpIT extends BrowserTest {

    private static final String YEAR = "2018-2019";

    TeacherFollowUpIT(StackConfig stack) {
        super(stack);
    }

    @Test
    void teacherCompletesLastYearsFollowUpAndAnotherSchoolSeesNoneOfIt() throws IOException {
        ui.signIn("teacher-a", "01-sign-in");

        // Start: one school, so no organization to pick; last year is preselected
        assertThat(ui.find("[data-testid=organization]").getText()).isEqualTo("Sample High School (PID 10001)");
        assertThat(ui.text("[data-testid=pid]")).isEqualTo("10001");
        assertThat(ui.selected("#enrollment-year")).isEqualTo(lastSchoolYear());
        ui.select("#enrollment-year", YEAR);
        assertThat(ui.text("[data-testid=current-year]")).isEqualTo("2019-2020");
        ui.screenshot("02-start");
        ui.checkAccessibility("start");
        ui.find("#load-data").click();

        // Student list: teacher-a's four seniors of 2018-2019, none complete yet
        eventually().until(() -> ui.all("tr[data-stn]").size() == 4);
        assertThat(ui.text("[data-testid=totals]")).contains("4 students", "follow-up complete: 0 of 4");
        Timings.record(ui, "student list (4 students)", "list-rendered");
        List<String> stns = ui.all("tr[data-stn]").stream().map(r -> r.getAttribute("data-stn")).toList();
        assertThat(stns).allSatisfy(stn -> assertThat(stn).startsWith("912019"));
        assertThat((Boolean) ui.script("""
                const main = document.querySelector('main');
                return document.documentElement.scrollWidth <= document.documentElement.clientWidth
                    && main.scrollWidth <= main.clientWidth;"""))
                .as("no horizontal scrolling at 1280 px, of the page or of the screen").isTrue();
        ui.screenshot("03-student-list");
        ui.checkAccessibility("student list");

        // 1. a deceased student: the status answer is cleared after confirming, and locked
        ui.all("[data-testid=student-link]").get(0).click();
        waitForReport(stns.get(0));
        Timings.record(ui, "student report", "report-rendered");
        assertThat(ui.text("[data-testid=position]")).isEqualTo("Student 1 of 4");
        assertThat(ui.text("#educationStatus-msg")).contains("Required");
        ui.select("#educationStatus", "not-attending");
        eventually().until(() -> ui.text("#educationStatus-msg").isEmpty());
        ui.find("label[for=deceased-yes]").click();
        ui.answerDialog("clear");
        assertThat(ui.find("#educationStatus").isEnabled()).isFalse();
        assertThat(ui.selected("#educationStatus")).isEmpty();
        ui.select("#tookCertificationTest", "no");
        // the server's field error shows on the field
        ui.type("#email", "not-an-email");
        ui.find("[data-nav=save]").click();
        eventually().until(() -> ui.text("#email-msg").contains("not a valid e-mail address"));
        assertThat(ui.find("#email").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(ui.text("[data-testid=alert]")).contains("Not saved");
        ui.screenshot("04-student-report-error");
        ui.type("#email", "deceased.student@example.org");
        ui.find("[data-nav=save]").click();
        awaitSaved("Follow-up complete.");
        ui.screenshot("04-student-report-deceased");
        ui.checkAccessibility("student report");

        // 2. no certifications; job questions appear only when employed as a civilian; saved with Ctrl+S
        ui.find("[data-nav=next]").click();
        waitForReport(stns.get(1));
        ui.select("#educationStatus", "not-attending");
        ui.select("#employmentStatus", "unemployed-seeking");
        assertThat(ui.browser.findElement(By.id("jobTitle-field")).isDisplayed()).as("job questions only when employed").isFalse();
        ui.select("#employmentStatus", "employed-full-time-civilian");
        ui.select("#jobRelated", "yes");
        ui.select("#selfEmployed", "no");
        ui.type("#jobTitle", "Sales associate");
        ui.select("#tookCertificationTest", "no");
        ui.find("#jobTitle").sendKeys(Keys.chord(Keys.CONTROL, "s"));
        awaitSaved("Follow-up complete.");

        // someone else saves first: both versions are shown, the user's change is reapplied on theirs
        ui.type("#jobTitle", "Store manager");
        assertThat(ui.saveElsewhere(ui.reportIdInAddress(), Map.of("jobDuties", "Opens the store"))).isEqualTo(200L);
        ui.find("[data-nav=save]").click();
        assertThat(ui.find("[data-testid=conflict-table]").getText()).contains("Store manager", "Opens the store", "Sales associate");
        ui.screenshot("05-conflict");
        ui.checkAccessibility("conflict");
        ui.answerDialog("reapply");
        assertThat(ui.find("#jobTitle").getAttribute("value")).isEqualTo("Store manager");
        assertThat(ui.find("#jobDuties").getAttribute("value")).isEqualTo("Opens the store");
        ui.find("[data-nav=save]").click();
        awaitSaved("Follow-up complete.");

        // 3. two certifications, one found by its number, one by its name (two clusters: a choice)
        ui.shortcut("n");
        waitForReport(stns.get(2));
        ui.select("#educationStatus", "public-collegiate-adult");
        ui.select("#employmentStatus", "not-in-labor-force");
        ui.select("#tookCertificationTest", "yes");
        pickAssessment(0, "7503", "Early Childhood Education (Pre-Pac) - 7503");
        eventually().until(() -> ui.find("#cert-0-cluster").getAttribute("value").equals("Education & Training - ED"));
        ui.find("label[for=cert-0-result-passed]").click();
        ui.find("#add-certificate").click();
        pickAssessment(1, "child development", "Child Development Associate (CDA) - 7501");
        assertThat(ui.text("#cert-1-cluster-msg")).contains("Required");
        ui.select("#cert-1-cluster", "HU");
        ui.find("label[for=cert-1-result-not-passed]").click();
        ui.screenshot("05-student-report-certifications");
        ui.checkAccessibility("student report with certifications");
        ui.find("[data-nav=save]").click();
        awaitSaved("Certificate complete.");
        assertThat(ui.all("#certification-rows tr")).hasSize(2);

        // an unsaved change survives Previous and Next: asked, kept as a draft, offered back
        ui.type("#email", "changed.but.not.saved@example.org");
        ui.find("[data-nav=previous]").click();
        ui.find("dialog[open]");
        ui.screenshot("05-unsaved-changes-dialog");
        ui.answerDialog("leave");
        waitForReport(stns.get(1));
        ui.shortcut("n");
        waitForReport(stns.get(2));
        ui.find("[data-testid=draft-offer]");
        ui.checkAccessibility("student report with a draft");
        ui.find("#restore-draft").click();
        assertThat(ui.find("#email").getAttribute("value")).isEqualTo("changed.but.not.saved@example.org");
        ui.find("[data-nav=save]").click();
        awaitSaved("Follow-up complete.");
        assertThat((Long) ui.script("return localStorage.length")).as("no draft left after saving").isZero();

        // the list shows the completion
        ui.shortcut("r");
        eventually().until(() -> ui.all("tr[data-stn]").size() == 4);
        ui.find("#refresh").click();
        eventually().until(() -> ui.text("[data-testid=totals]").contains("follow-up complete: 3 of 4"));
        assertThat(completionOf(stns.get(0))).isEqualTo("Yes");
        assertThat(completionOf(stns.get(3))).isEqualTo("No");
        ui.select("#filter-follow-up", "false");
        eventually().until(() -> ui.all("tr[data-stn]").size() == 1);
        ui.select("#filter-follow-up", "");
        eventually().until(() -> ui.all("tr[data-stn]").size() == 4);
        ui.screenshot("03-student-list-completed");

        // Export to Excel: the same list as a workbook
        Path export = ui.download("#export", "students-10001-" + YEAR + ".xlsx");
        List<String> exported = exportedRows(export);
        assertThat(exported).hasSize(4);
        assertThat(exported).anySatisfy(row -> assertThat(row).contains(stns.get(0), "Yes"));
        assertThat(exported).anySatisfy(row -> assertThat(row).contains(stns.get(3)));

        // Reports: the teacher's own summary counts what was entered (the report service learns of
        // the saves through events, so Refresh until it has), with charts, and downloads as Excel
        ui.find("a.brand-name").click();
        ui.find("label[for=task-reports]").click();
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (ui.rows("[data-testid=teacher-completion] table").stream().findFirst()
                    .filter(row -> row.equals(List.of("Follow-up (grade 12)", "3", "1", "4"))).isPresent()) {
                return true;
            }
            ui.find("#refresh-reports").click();
            return false;
        });
        assertThat(ui.all("[data-testid=teacher-completion] svg.bar")).as("a bar per figure").hasSize(2);
        assertThat(ui.text("[data-testid=teacher-assessments]")).contains("Early Childhood Education (Pre-Pac) - 7503",
                "Child Development Associate (CDA) - 7501");
        assertThat(ui.text("[data-testid=teacher-incomplete]")).contains(stns.get(3));
        // completion by day: 3 complete at the end of the last day with saves
        eventually().until(() -> {
            List<List<String>> days = ui.rows("[data-testid=progress-chart] table");
            return !days.isEmpty() && days.get(days.size() - 1).get(1).equals("3");
        });
        ui.screenshot("07-reports-teacher");
        ui.checkAccessibility("reports (teacher)");
        Path summary = ui.download("#teacher-summary-xlsx", "teacher-summary-10001-" + YEAR + "-700001.xlsx");
        assertThat(Workbooks.rows(summary, "Completion")).contains("Follow-up complete | 3", "Follow-up incomplete | 1");
        assertThat(Workbooks.rows(summary, "By assessment")).contains("7503 | Early Childhood Education (Pre-Pac) | 1 | 1 | 0",
                "7501 | Child Development Associate (CDA) | 1 | 0 | 1");

        // Certificate collection: every grade of teacher-a's students, the report opens on the certifications
        ui.browser.get(stack.gatewayUrl() + "/#/?task=certificates");
        ui.find("label[for=task-certificates]");
        assertThat(ui.find("#task-certificates").isSelected()).isTrue();
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        eventually().until(() -> ui.all("tr[data-stn]").size() == 16);
        ui.screenshot("06-certificate-list");
        WebElement ninthGrader = ui.all("tr[data-stn]").stream()
                .filter(r -> r.findElements(By.tagName("td")).get(6).getText().equals("9")).findFirst().orElseThrow();
        ninthGrader.findElement(By.cssSelector("[data-testid=student-link]")).click();
        ui.find("#tookCertificationTest");
        assertThat(ui.all("#educationStatus")).as("no follow-up questions below grade 12").isEmpty();
        ui.select("#tookCertificationTest", "yes");
        pickAssessment(0, "7503", "Early Childhood Education (Pre-Pac) - 7503");
        ui.find("label[for=cert-0-result-passed]").click();
        ui.find("[data-nav=save]").click();
        awaitSaved("Certificate complete.");
        ui.screenshot("06-certificate-report");
        ui.checkAccessibility("certificate report");
        String reportOfTeacherA = ui.reportIdInAddress();

        // signing out with an unsaved change asks first; the draft does not outlive the session
        ui.type("#email", "typed.before.signing.out@example.org");
        ui.find("#sign-out-button").click();
        ui.answerDialog("leave");
        eventually().until(() -> !ui.all("#kc-login").isEmpty());

        // teacher-b (Riverside High School) sees none of it
        ui.signIn("teacher-b", null);
        assertThat((Long) ui.script("return localStorage.length")).as("drafts removed at sign-out").isZero();
        assertThat(ui.find("[data-testid=organization]").getText()).isEqualTo("Riverside High School (PID 10002)");
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        eventually().until(() -> !ui.all("tr[data-stn]").isEmpty());
        assertThat(ui.all("tr[data-stn]").stream().map(r -> r.getAttribute("data-stn")))
                .allSatisfy(stn -> assertThat(stn).startsWith("922019"))
                .doesNotContainAnyElementsOf(stns);
        assertThat(ui.text("[data-testid=totals]")).contains("follow-up complete: 0 of");
        assertThat(ui.fetch("/api/followups/" + reportOfTeacherA)).startsWith("404 ");
        assertThat(ui.fetch("/api/followups?org=10001&year=" + YEAR)).startsWith("403 ");
    }

    private void waitForReport(String stn) {
        eventually().until(() -> ui.text("[data-testid=stn]").equals(stn) && ui.all("dialog[open]").isEmpty());
    }

    private void awaitSaved(String completion) {
        eventually().until(() -> ui.text("[data-testid=status]").startsWith("Saved.")
                && ui.text("[data-testid=completion]").contains(completion));
    }

    /** Types into the certification's picker and takes the suggestion with the keyboard. */
    private void pickAssessment(int index, String typed, String label) {
        WebElement input = ui.find("#cert-" + index + "-assessment");
        input.sendKeys(typed);
        eventually().until(() -> ui.all("#cert-" + index + "-assessment + [role=listbox] [role=option]").stream()
                .anyMatch(o -> o.getText().equals(label)));
        List<WebElement> options = ui.all("#cert-" + index + "-assessment + [role=listbox] [role=option]");
        int position = options.stream().map(WebElement::getText).toList().indexOf(label);
        for (int i = 0; i <= position; i++) {
            input.sendKeys(Keys.ARROW_DOWN);
        }
        input.sendKeys(Keys.ENTER);
        eventually().until(() -> input.getAttribute("value").equals(label));
    }

    private String completionOf(String stn) {
        return ui.find("tr[data-stn='" + stn + "'] [data-testid=follow-up-complete]").getText();
    }

    /** The export's rows without the header row. */
    private static List<String> exportedRows(Path file) throws IOException {
        List<String> rows = Workbooks.rows(file, null);
        return rows.subList(1, rows.size());
    }

    /** The school year before the running one (which starts on July 1). */
    private static String lastSchoolYear() {
        LocalDate today = LocalDate.now();
        int start = (today.getMonthValue() >= 7 ? today.getYear() : today.getYear() - 1) - 1;
        return start + "-" + (start + 1);
    }
}
