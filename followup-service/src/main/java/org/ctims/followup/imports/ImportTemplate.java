package org.ctims.followup.imports;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.platform.xlsx.TextCells;
import org.ctims.followup.report.CertificationResult;
import org.ctims.followup.report.EducationStatus;
import org.ctims.followup.report.EmploymentStatus;
import org.ctims.followup.report.ReportView;

/**
 * The bulk-entry template: sheet "Students" with one row per student the caller may write,
 * pre-filled with the current answers (statuses and results as the guidebook's labels) and the
 * report's version, drop-down lists on the answer columns; sheet "Values" lists what each answer
 * column accepts. Uploading it unchanged changes nothing.
 */
final class ImportTemplate {

    static final int MIN_ENTRY_GROUPS = 3;
    private static final List<String> YES_NO = List.of("yes", "no");
    private static final int VALIDATED_ROWS = 5000;

    private final List<String> header = new ArrayList<>();

    void write(List<ReportView> reports, OutputStream out) throws IOException {
        int groups = Math.max(MIN_ENTRY_GROUPS, reports.stream().mapToInt(r -> r.certifications().size()).max().orElse(0));
        Stream.of("STN", "Student", "Grade", "Teacher(s)", BulkColumn.VERSION.header(), BulkColumn.EMAIL.header(),
                BulkColumn.DECEASED.header(), BulkColumn.EDUCATION_STATUS.header(), BulkColumn.EMPLOYMENT_STATUS.header(),
                BulkColumn.JOB_RELATED.header(), BulkColumn.SELF_EMPLOYED.header(), BulkColumn.JOB_TITLE.header(),
                BulkColumn.JOB_DUTIES.header(), BulkColumn.TOOK_CERTIFICATION_TEST.header()).forEach(header::add);
        int firstGroupColumn = header.size();
        for (int g = 1; g <= groups; g++) {
            header.add(BulkColumn.ASSESSMENT.header(g));
            header.add(BulkColumn.CLUSTER.header(g));
            header.add(BulkColumn.RESULT.header(g));
        }
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            TextCells cells = new TextCells(workbook);
            CellStyle bold = cells.bold();
            CellStyle text = workbook.createCellStyle();
            DataFormat format = workbook.createDataFormat();
            text.setDataFormat(format.getFormat("@"));
            SXSSFSheet sheet = workbook.createSheet("Students");
            sheet.setDefaultColumnStyle(0, text); // STNs may start with 0
            Row top = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                top.createCell(i).setCellValue(header.get(i));
                top.getCell(i).setCellStyle(bold);
            }
            sheet.createFreezePane(2, 1);
            int index = 1;
            for (ReportView r : reports) {
                Row row = sheet.createRow(index++);
                ReportView.AnswersView a = r.answers();
                row.createCell(0).setCellValue(r.stn());
                row.getCell(0).setCellStyle(text);
                cells.set(row, 1, name(r));
                if (r.student().grade() != null) {
                    row.createCell(2).setCellValue(r.student().grade());
                }
                cells.set(row, 3, String.join("; ", r.teachers().stream().filter(t -> !t.removed() || r.removed())
                        .map(t -> t.name() == null ? t.staffId() : t.name()).distinct().toList()));
                row.createCell(4).setCellValue(r.version());
                cells.set(row, 5, a.email());
                if (r.followUpApplies()) {
                    cells.set(row, 6, yesNo(a.deceased()));
                    cells.set(row, 7, label(a.educationStatus(), c -> EducationStatus.ofCode(c).map(EducationStatus::label).orElse(c)));
                    cells.set(row, 8, label(a.employmentStatus(), c -> EmploymentStatus.ofCode(c).map(EmploymentStatus::label).orElse(c)));
                    cells.set(row, 9, yesNo(a.jobRelated()));
                    cells.set(row, 10, yesNo(a.selfEmployed()));
                    cells.set(row, 11, a.jobTitle());
                    cells.set(row, 12, a.jobDuties());
                }
                cells.set(row, 13, yesNo(a.tookCertificationTest()));
                int column = firstGroupColumn;
                for (ReportView.Entry e : r.certifications()) {
                    cells.set(row, column, e.assessmentNumber());
                    cells.set(row, column + 1, e.clusterCode());
                    cells.set(row, column + 2, label(e.result(), c -> CertificationResult.ofCode(c).map(CertificationResult::label).orElse(c)));
                    column += 3;
                }
            }
            values(workbook, bold);
            DataValidationHelper validation = sheet.getDataValidationHelper();
            int last = Math.max(VALIDATED_ROWS, reports.size() + 1);
            for (int column : new int[] {6, 9, 10, 13}) {
                list(sheet, validation, "Values!$A$2:$A$" + (YES_NO.size() + 1), column, column, last);
            }
            list(sheet, validation, "Values!$B$2:$B$" + (EducationStatus.values().length + 1), 7, 7, last);
            list(sheet, validation, "Values!$C$2:$C$" + (EmploymentStatus.values().length + 1), 8, 8, last);
            for (int g = 0; g < groups; g++) {
                int column = firstGroupColumn + 3 * g + 2;
                list(sheet, validation, "Values!$D$2:$D$" + (CertificationResult.values().length + 1), column, column, last);
            }
            workbook.write(out);
        }
        finally {
            workbook.close();
        }
    }

    private static void values(SXSSFWorkbook workbook, CellStyle bold) {
        SXSSFSheet values = workbook.createSheet("Values");
        List<List<String>> columns = List.of(
                YES_NO,
                Stream.of(EducationStatus.values()).map(EducationStatus::label).toList(),
                Stream.of(EmploymentStatus.values()).map(EmploymentStatus::label).toList(),
                Stream.of(CertificationResult.values()).map(CertificationResult::label).toList(),
                List.of(
                        "A blank cell leaves the answer as it is; '-' clears it.",
                        "Statuses and results: the labels on this sheet or their codes (e.g. not-attending).",
                        "Certifications: Assessment n (number, e.g. 7503), Cluster n (code, e.g. ED; filled in when the",
                        "assessment has one cluster), Result n. Add columns Assessment 4, Cluster 4, Result 4 … for more.",
                        "A group changes or adds that assessment's entry; Result '-' removes it. Other entries stay.",
                        "Version: a row is applied only if its report is still at that version; clear it to apply anyway.",
                        "Student, Grade and Teacher(s) are for reading only."));
        List<String> titles = List.of("Yes / no", "Education status", "Employment status", "Result", "How to fill in");
        Row top = values.createRow(0);
        for (int c = 0; c < titles.size(); c++) {
            top.createCell(c).setCellValue(titles.get(c));
            top.getCell(c).setCellStyle(bold);
        }
        int rows = columns.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < rows; i++) {
            Row row = values.createRow(i + 1);
            for (int c = 0; c < columns.size(); c++) {
                if (i < columns.get(c).size()) {
                    row.createCell(c).setCellValue(columns.get(c).get(i));
                }
            }
        }
    }

    private static void list(SXSSFSheet sheet, DataValidationHelper helper, String range, int from, int to, int lastRow) {
        var validation = helper.createValidation(helper.createFormulaListConstraint(range),
                new CellRangeAddressList(1, lastRow, from, to));
        // A code or '-' is as valid as a label: hint, do not refuse.
        validation.setShowErrorBox(false);
        sheet.addValidationData(validation);
    }

    private static String name(ReportView r) {
        String family = r.student().familyName() == null ? "" : r.student().familyName();
        String given = r.student().givenName() == null ? "" : ", " + r.student().givenName();
        return family + given + (r.removed() ? " (removed from roster)" : "");
    }

    private static String label(String code, Function<String, String> label) {
        return code == null ? null : label.apply(code);
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }
}
