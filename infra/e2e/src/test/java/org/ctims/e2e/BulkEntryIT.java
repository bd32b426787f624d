package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctims.e2e.Ui.eventually;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.ctims.local.StackConfig;
import org.junit.jupiter.api.Test;

/**
 * Bulk entry: a teacher downloads the template from the screen, fills in one student's e-mail
 * and an impossible status for another, sees the preview (one row to save, one with its error),
 * confirms the commit, and the report holds the e-mail. Uses 2025-2026, which the other browser
 * tests leave alone; a fresh e-mail each run, so the test can run again on the same stack.
 */
class BulkEntryIT extends BrowserTest {

    private static final String YEAR = "2025-2026";

    BulkEntryIT(StackConfig stack) {
        super(stack);
    }

    @Test
    void teacherPreviewsABulkEntryFileAndCommitsItAfterConfirming() throws IOException {
        ui.signIn("teacher-a", null);
        ui.select("#enrollment-year", YEAR);
        ui.find("#load-data").click();
        ui.find("tr[data-stn]");
        ui.find("#bulk-entry").click();

        Path template = ui.download("#bulk-template", "followup-entry-10001-" + YEAR + ".xlsx");

        String email = "bulk-" + System.nanoTime() + "@example.org";
        Path filled = Files.createDirectories(Path.of("target/uploads")).resolve("bulk-entry.xlsx").toAbsolutePath();
        List<String> stns = fillIn(template, filled, email, "Flying");

        ui.find("#bulk-file").sendKeys(filled.toString());
        ui.find("#bulk-preview-button").click();
        eventually().until(() -> ui.text("[data-testid=bulk-counts]").contains("1 would change"));
        assertThat(ui.text("[data-testid=bulk-counts]")).contains("1 invalid");
        assertThat(rowText(stns.get(0))).contains("Will be saved", "email:", "→ " + email);
        assertThat(rowText(stns.get(1))).contains("Not saved", "Education status");
        assertThat(ui.text("[data-testid=alert]")).as("invalid rows are announced").contains("Preview");
        ui.screenshot("03-bulk-entry-preview");
        ui.checkAccessibility("bulk entry preview");

        // nothing is saved before the user confirms
        assertThat(emailOf(stns.get(0))).isNotEqualTo(email);
        ui.find("#commit-bulk").click();
        ui.answerDialog("commit");
        eventually().until(() -> ui.text("[data-testid=bulk-counts]").contains("1 saved"));
        assertThat(rowText(stns.get(0))).contains("Saved");
        assertThat(emailOf(stns.get(0))).isEqualTo(email);
    }

    private String rowText(String stn) {
        return ui.all("[data-testid=bulk-rows] tbody tr").stream().map(r -> r.getText())
                .filter(text -> text.contains(stn)).findFirst().orElseThrow();
    }

    private String emailOf(String stn) {
        String list = ui.fetch("/api/followups?org=10001&year=" + YEAR + "&q=" + stn);
        assertThat(list).startsWith("200 ");
        String id = JsonPath.read(list.substring(4), "$.rows[0].id");
        String report = ui.fetch("/api/followups/" + id);
        return JsonPath.read(report.substring(4), "$.answers.email");
    }

    /** Two grade-12 rows of the template: an e-mail for the first, an education status for the second. */
    private static List<String> fillIn(Path template, Path filled, String email, String status) throws IOException {
        DataFormatter format = new DataFormatter();
        List<String> stns = new ArrayList<>();
        try (InputStream in = Files.newInputStream(template); XSSFWorkbook workbook = new XSSFWorkbook(in);
             OutputStream out = Files.newOutputStream(filled)) {
            Sheet sheet = workbook.getSheet("Students");
            Row header = sheet.getRow(0);
            List<String> columns = new ArrayList<>();
            header.forEach(cell -> columns.add(format.formatCellValue(cell)));
            for (Row row : sheet) {
                if (row.getRowNum() == 0 || !format.formatCellValue(row.getCell(columns.indexOf("Grade"))).equals("12")) {
                    continue;
                }
                String value = stns.isEmpty() ? email : status;
                String column = stns.isEmpty() ? "Email" : "Education status";
                // a new cell: POI writes a changed inline-string cell (as the template has them) malformed
                int index = columns.indexOf(column);
                if (row.getCell(index) != null) {
                    row.removeCell(row.getCell(index));
                }
                row.createCell(index).setCellValue(value);
                stns.add(format.formatCellValue(row.getCell(columns.indexOf("STN"))));
                if (stns.size() == 2) {
                    break;
                }
            }
            workbook.write(out);
        }
        assertThat(stns).as("two grade-12 students of teacher-a in " + YEAR).hasSize(2);
        return stns;
    }
}
