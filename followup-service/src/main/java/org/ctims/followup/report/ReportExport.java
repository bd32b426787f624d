package org.ctims.followup.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.platform.xlsx.TextCells;
import org.springframework.stereotype.Component;

/**
 * The student list as .xlsx, same filter, scope and order as the list endpoint, written with
 * POI's streaming writer (SXSSF keeps only a window of rows in memory) and read from the database
 * a page at a time, so a large school's list never sits in memory at once.
 */
@Component
class ReportExport {

    static final String[] HEADER = {"School", "PID", "Teacher(s)", "Student", "STN", "Birth date", "Grade", "Gender",
            "Division", "Follow-Up Completion?", "Certificate Complete", "Last saved by", "Last saved at", "Removed from roster"};
    static final int PAGE = 1000;

    private final ReportList list;

    ReportExport(ReportList list) {
        this.list = list;
    }

    /**
     * @param beforeSending called with the STNs of every row once the workbook is complete and
     *        before any byte of it is written to {@code out} (the audit entry of the export)
     */
    void write(ReportList.Filter filter, ReportScope scope, String sort, boolean descending, OutputStream out,
               Consumer<List<String>> beforeSending) throws IOException {
        List<String> stns = new ArrayList<>();
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            TextCells text = new TextCells(workbook);
            CellStyle bold = text.bold();
            SXSSFSheet sheet = workbook.createSheet("Students");
            Row header = sheet.createRow(0);
            for (int i = 0; i < HEADER.length; i++) {
                header.createCell(i).setCellValue(HEADER[i]);
                header.getCell(i).setCellStyle(bold);
            }
            sheet.createFreezePane(0, 1);
            int index = 1;
            for (int page = 0; ; page++) {
                ReportList.Page rows = list.list(filter, scope, page, PAGE, sort, descending);
                for (ReportList.Row r : rows.rows()) {
                    Row row = sheet.createRow(index++);
                    text.set(row, 0, r.schoolName());
                    text.set(row, 1, r.pid());
                    text.set(row, 2, r.teachers());
                    text.set(row, 3, r.studentName());
                    text.set(row, 4, r.stn());
                    stns.add(r.stn());
                    text.set(row, 5, r.birthDate() == null ? null : r.birthDate().toString());
                    if (r.grade() != null) {
                        row.createCell(6).setCellValue(r.grade());
                    }
                    text.set(row, 7, r.gender());
                    text.set(row, 8, r.division());
                    // The guidebook's columns: a follow-up that does not apply is left empty, not "No".
                    text.set(row, 9, r.followUpApplies() ? yesNo(r.followUpComplete()) : null);
                    text.set(row, 10, yesNo(r.certificateComplete()));
                    text.set(row, 11, r.lastSavedBy());
                    text.set(row, 12, r.lastSavedAt() == null ? null : r.lastSavedAt().toString());
                    text.set(row, 13, r.removed() ? "Yes" : null);
                }
                if (rows.rows().size() < PAGE) {
                    break;
                }
            }
            beforeSending.accept(stns);
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes SXSSF's temporary files
        }
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }
}
