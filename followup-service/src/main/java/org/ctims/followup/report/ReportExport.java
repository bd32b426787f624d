package org.ctims.followup.report;

import java.io.IOException;
import java.io.OutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
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

    void write(ReportList.Filter filter, ReportScope scope, String sort, boolean descending, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
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
                    text(row, 0, r.schoolName());
                    text(row, 1, r.pid());
                    text(row, 2, r.teachers());
                    text(row, 3, r.studentName());
                    text(row, 4, r.stn());
                    text(row, 5, r.birthDate() == null ? null : r.birthDate().toString());
                    if (r.grade() != null) {
                        row.createCell(6).setCellValue(r.grade());
                    }
                    text(row, 7, r.gender());
                    text(row, 8, r.division());
                    // The guidebook's columns: a follow-up that does not apply is left empty, not "No".
                    text(row, 9, r.followUpApplies() ? yesNo(r.followUpComplete()) : null);
                    text(row, 10, yesNo(r.certificateComplete()));
                    text(row, 11, r.lastSavedBy());
                    text(row, 12, r.lastSavedAt() == null ? null : r.lastSavedAt().toString());
                    text(row, 13, r.removed() ? "Yes" : null);
                }
                if (rows.rows().size() < PAGE) {
                    break;
                }
            }
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes SXSSF's temporary files
        }
    }

    private static String yesNo(boolean b) {
        return b ? "Yes" : "No";
    }

    private static void text(Row row, int column, String value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }
}
