package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;

/**
 * Screen 7: a school administrator sees the school summary (a row per teacher) and the
 * accountability rates with their numerators and denominators, and downloads the summary; state
 * staff open the statewide accountability without picking a school. The page is compared with
 * the report service's JSON of the same moment, since other tests save reports of the same year.
 */
class ReportsIT extends BrowserTest {

    private static final String YEAR = "2018-2019";

    ReportsIT(StackConfig stack) {
        super(stack);
    }

    @Test
    void schoolAdministratorSeesTheSchoolSummaryAndAccountabilityAndDownloadsIt() throws IOException {
        ui.signIn("admin-a", null);
        ui.find("label[for=task-reports]").click();
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        ui.find("[data-testid=school-by-teacher] tbody tr");
        ui.find("[data-testid=placement-3s1] tbody tr");
        assertThat(ui.all("#teacher-summary")).as("a school administrator is no teacher: no own summary").isEmpty();

        DocumentContext summary = json("/api/reports/school-summary?org=10001&year=" + YEAR);
        List<Map<String, Object>> teachers = summary.read("$.byTeacher");
        assertThat(teachers).as("the demo school has teachers").isNotEmpty();
        List<List<String>> rows = ui.rows("[data-testid=school-by-teacher]");
        assertThat(rows).hasSize(teachers.size());
        for (int i = 0; i < teachers.size(); i++) {
            assertThat(rows.get(i)).startsWith(String.valueOf(teachers.get(i).get("teacherStaffId")),
                    String.valueOf(teachers.get(i).get("teacherName")),
                    String.valueOf(summary.read("$.byTeacher[" + i + "].summary.students", Integer.class)));
        }
        int complete = summary.read("$.summary.followUpComplete", Integer.class);
        int applicable = summary.read("$.summary.followUpApplicable", Integer.class);
        assertThat(ui.rows("[data-testid=school-completion] table").get(0))
                .containsExactly("Follow-up (grade 12)", String.valueOf(complete), String.valueOf(applicable - complete),
                        String.valueOf(applicable));

        // accountability: numerator and denominator of every rate, the school first, then teachers and divisions
        DocumentContext accountability = json("/api/reports/accountability?org=10001&year=" + YEAR);
        List<String> school = ui.rows("[data-testid=placement-3s1]").get(0);
        assertThat(accountability.read("$.organizationName", String.class)).isEqualTo("Sample High School");
        assertThat(school.subList(0, 3)).containsExactly("School", "Sample High School (PID 10001)",
                String.valueOf(accountability.read("$.cohortSize", Integer.class)));
        List<Map<String, Object>> clusters = accountability.read("$.credentialAttainment.byCluster");
        List<List<String>> clusterRows = ui.rows("[data-testid=credentials-by-cluster]");
        assertThat(clusterRows).hasSize(Math.max(1, clusters.size())); // an empty table says "None."
        for (int i = 0; i < clusters.size(); i++) {
            Object name = clusters.get(i).get("name");
            assertThat(clusterRows.get(i).get(0)).isEqualTo(name == null ? clusters.get(i).get("cluster")
                    : name + " - " + clusters.get(i).get("cluster"));
        }
        // the certification results by assessment: number and name, as the guidebook writes them
        Map<String, Map<String, Object>> assessments = summary.read("$.summary.byAssessment");
        List<String> assessmentLabels = ui.rows("[data-testid=school-assessments] table").stream().map(r -> r.get(0)).toList();
        assertThat(assessmentLabels).hasSize(Math.max(1, assessments.size()));
        assessments.forEach((number, results) -> assertThat(assessmentLabels)
                .contains(results.get("name") == null ? "Assessment " + number : results.get("name") + " - " + number));
        assertThat(school.get(7)).startsWith(accountability.read("$.placement.withNonRespondents.numerator", Integer.class)
                + " of " + accountability.read("$.placement.withNonRespondents.denominator", Integer.class));
        List<String> credentials = ui.rows("[data-testid=credentials-5s1]").get(0);
        assertThat(credentials.get(3)).startsWith(accountability.read("$.credentialAttainment.rate.numerator", Integer.class)
                + " of " + accountability.read("$.credentialAttainment.rate.denominator", Integer.class));
        int teacherRows = accountability.read("$.byTeacher.length()", Integer.class);
        int divisionRows = accountability.read("$.byDivision.length()", Integer.class);
        assertThat(ui.rows("[data-testid=placement-3s1]")).hasSize(1 + teacherRows + divisionRows);
        // completion by day: a row per day with saves (the last 14 at most)
        List<Object> daysWithSaves = json("/api/reports/progress?org=10001&year=" + YEAR).read("$.days[?(@.saves > 0)]");
        Ui.eventually().until(() -> ui.rows("[data-testid=progress-chart] table").size() == Math.min(14, daysWithSaves.size())
                && !ui.text("#progress").contains("Loading"));
        Timings.record(ui, "reports (school summary, accountability, completion by day)", "reports-rendered");
        ui.screenshot("07-reports-school-admin");
        ui.checkAccessibility("reports (school administrator)");

        // the school summary as Excel: the school's row has the same figures
        Path file = ui.download("#school-summary-xlsx", "school-summary-10001-" + YEAR + ".xlsx");
        String schoolRow = Workbooks.rows(file, "By teacher").stream()
                .filter(r -> r.contains("School (each student once)")).findFirst().orElseThrow();
        assertThat(schoolRow).contains("| " + summary.read("$.summary.students", Integer.class) + " | " + applicable
                + " | " + complete + " |");
    }

    @Test
    void stateStaffOpenTheStatewideAccountability() {
        ui.signIn("state", null);
        ui.find("label[for=task-reports]").click();
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        ui.find("#state-accountability [data-testid=placement-3s1] tbody tr");
        DocumentContext view = json("/api/reports/accountability/state?year=" + YEAR);
        assertThat(ui.rows("#state-accountability [data-testid=placement-3s1]").get(0).subList(0, 3)).containsExactly("State", "",
                String.valueOf(view.read("$.cohortSize", Integer.class)));
        List<List<String>> rows = ui.rows("#state-accountability [data-testid=placement-3s1]");
        assertThat(rows).hasSize(1 + view.read("$.bySchool.length()", Integer.class));
        List<Map<String, Object>> schools = view.read("$.bySchool");
        for (int i = 0; i < schools.size(); i++) {
            Object name = schools.get(i).get("name");
            assertThat(rows.get(i + 1).subList(0, 2)).containsExactly("School", name == null
                    ? "School PID " + schools.get(i).get("key") : name + " (PID " + schools.get(i).get("key") + ")");
        }
        assertThat(rows).anySatisfy(r -> assertThat(r.get(1)).isEqualTo("Sample High School (PID 10001)"));
        assertThat(ui.all("#school-summary")).as("no school picked: no school summary").isEmpty();
        // completion by day of every school: a row per day with saves (the last 14 at most)
        List<Object> daysWithSaves = json("/api/reports/progress/state?year=" + YEAR).read("$.days[?(@.saves > 0)]");
        Ui.eventually().until(() -> !ui.text("#state-progress").contains("Loading")
                && ui.rows("#state-progress [data-testid=progress-chart] table").size() == Math.min(14, daysWithSaves.size()));
        assertThat(ui.text("#state-progress-heading")).isEqualTo("Statewide completion by day");
        ui.screenshot("07-reports-state");
        ui.checkAccessibility("reports (state staff)");
    }

    private DocumentContext json(String path) {
        String answer = ui.fetch(path);
        assertThat(answer).startsWith("200 ");
        return JsonPath.parse(answer.substring(4));
    }
}
