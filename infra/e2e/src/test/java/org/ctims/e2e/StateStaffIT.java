package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctims.e2e.Ui.eventually;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * State staff pick a school by its first letters, then upload an Approved Assessment List with an
 * error, see the row, fix the file and commit it; the roster imports' rejections are listed.
 */
class StateStaffIT extends BrowserTest {

    /** A year the demo data leaves empty, so the other tests' lists stay as they are. */
    private static final String YEAR = "2019-2020";

    StateStaffIT(StackConfig stack) {
        super(stack);
    }

    @Test
    void stateStaffPickASchoolThenUploadAListWithAnErrorFixItAndCommit() throws IOException {
        Path broken = list("ApprovedAssessmentsList_broken.xlsx", "ZZ");
        Path fixed = list("ApprovedAssessmentsList_fixed.xlsx", "IT");
        ui.signIn("state", null);

        // state staff act for every school: the organization is typed by its first letters, the PID fills in
        WebElement organization = ui.find("#organization");
        organization.sendKeys("riv");
        eventually().until(() -> ui.all("#organization + [role=listbox] [role=option]").stream()
                .anyMatch(o -> o.getText().equals("Riverside High School")));
        ui.screenshot("02-start-organization-picker");
        organization.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
        eventually().until(() -> ui.text("[data-testid=pid]").equals("10002"));
        ui.select("#enrollment-year", "2018-2019");
        ui.find("#load-data").click();
        eventually().until(() -> !ui.all("tr[data-stn]").isEmpty());
        assertThat(ui.all("tr[data-stn]").stream().map(r -> r.getAttribute("data-stn")))
                .allSatisfy(stn -> assertThat(stn).startsWith("922019"));

        ui.find("a.brand-name").click();
        ui.find("a[href='#/state/assessments']").click();
        ui.select("#list-year", YEAR);

        ui.find("#list-file").sendKeys(broken.toString());
        ui.find("#preview-list").click();
        eventually().until(() -> ui.find("[data-testid=import-errors]").getText().contains("ZZ"));
        assertThat(ui.text("[data-testid=import-errors]")).contains("3");
        assertThat(ui.all("#commit-list")).as("an invalid list cannot be committed").isEmpty();
        assertThat(ui.text("[data-testid=alert]")).contains("invalid row");
        ui.screenshot("08-assessment-list-errors");
        ui.checkAccessibility("assessment list preview");

        ui.find("#list-file").sendKeys(fixed.toString());
        ui.find("#preview-list").click();
        eventually().until(() -> ui.text("[data-testid=import-counts]").contains("2 added"));
        ui.find("#commit-list").click();
        eventually().until(() -> ui.text("[data-testid=status]").startsWith("Committed: 2 added"));
        eventually().until(() -> ui.text("#import-history").contains("ApprovedAssessmentsList_fixed.xlsx"));
        ui.screenshot("08-assessment-list-committed");
        assertThat(ui.fetch("/api/certifications/assessments?year=" + YEAR + "&q=9102")).startsWith("200 ").contains("Network Basics");

        ui.find("a[href='#/state/roster']").click();
        ui.find("[data-testid=rejections]");
        ui.screenshot("08-roster-imports");
        ui.checkAccessibility("roster imports");
    }

    @Test
    void stateStaffUploadAOneRosterZipForANamedSis() throws IOException {
        // a delta for the demo SIS (a bulk file would remove the demo schools it does not list): a new
        // school, and a student whose STN is too short (rejected with its line)
        String pid = String.valueOf(90_000_000 + new java.util.Random().nextInt(9_999_999));
        Path zip = oneRosterZip(pid);
        ui.signIn("state", null);
        ui.find("a[href='#/state/roster-upload']").click();
        ui.type("#roster-sis", "demo-sis");
        ui.find("#roster-file").sendKeys(zip.toString());
        ui.find("#roster-upload").click();
        ui.answerDialog("import");
        eventually().until(() -> ui.text("[data-testid=roster-upload-counts]").contains("rejected"));
        assertThat(ui.text("[data-testid=roster-upload-counts]")).contains("3 rows read: 2 applied, 0 unchanged, 1 rejected; 0 removed");
        assertThat(ui.text("[data-testid=roster-upload-rejections]")).contains("users.csv", "e2e-bad-stn", "10 digits");
        assertThat(ui.fetch("/api/roster/organizations?q=" + pid)).startsWith("200 ").contains("Upload Test High " + pid);
        ui.screenshot("08-roster-upload");
        ui.checkAccessibility("roster upload");

        // a misspelt SIS imports nothing and says so on the field
        ui.type("#roster-sis", "demo-sys");
        ui.find("#roster-upload").click();
        ui.answerDialog("import");
        eventually().until(() -> ui.text("[data-testid=roster-upload-errors]").contains("sis"));
        assertThat(ui.text("[data-testid=alert]")).contains("not imported");
    }

    private static Path oneRosterZip(String pid) throws IOException {
        Path file = Files.createDirectories(Path.of("target/uploads")).resolve("oneroster-" + pid + ".zip").toAbsolutePath();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "manifest.csv", "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\n"
                    + "file.orgs,delta\r\nfile.users,delta\r\nfile.roles,delta\r\n");
            put(zip, "orgs.csv", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\n"
                    + "e2e-org-" + pid + ",,,Upload Test High " + pid + ",school," + pid + ",\r\n");
            put(zip, "users.csv", "sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,grades,"
                    + "primaryOrgSourcedId\r\ne2e-bad-stn,,,true,e2e-bad-stn,{STN:12345},Bad,Stn,12,e2e-org-" + pid + "\r\n");
            put(zip, "roles.csv", "sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,"
                    + "userProfileSourcedId\r\nr-e2e-bad-stn,,,e2e-bad-stn,primary,student,,,e2e-org-" + pid + ",\r\n");
        }
        return file;
    }

    private static void put(java.util.zip.ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static Path list(String name, String secondCluster) throws IOException {
        Path file = Files.createDirectories(Path.of("target/uploads")).resolve(name).toAbsolutePath();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Approved Assessments");
            List<List<String>> rows = List.of(List.of("Assessment Number", "Assessment Name", "Career Cluster"),
                    List.of("9101", "Classroom Aide Basics", "ED"),
                    List.of("9102", "Network Basics", secondCluster));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
        }
        return file;
    }
}
