package org.ctims.report.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ctims.report.export.ReportDocument.row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.poi.ss.usermodel.CellType;
import org.junit.jupiter.api.Test;

class ExportWritersTests {

    static ReportDocument document(int students) {
        List<List<Object>> rows = new ArrayList<>();
        IntStream.rangeClosed(1, students).forEach(i -> rows.add(row("Student " + i, String.format("%010d", i))));
        return ReportDocument.builder("Teacher summary", "teacher-summary-10001-2018-2019-700001")
                .about("School", "Sample High School (10001)")
                .about("School year", "2018-2019")
                .table("Completion", List.of("Figure", "Students"),
                        List.of(row("Students", 7L), row("Follow-up complete", 4L), row("Rate", new BigDecimal("66.7")),
                                row("No rate", null)))
                .table("Follow-up incomplete", List.of("Student", "STN"), rows)
                .build();
    }

    static byte[] xlsx(ReportDocument document, XlsxWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(document, out);
        return out.toByteArray();
    }

    static byte[] pdf(ReportDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PdfWriter().write(document, out);
        return out.toByteArray();
    }

    @Test
    void theWorkbookHasTheAboutSheetAndASheetPerTableWithNumbersAsNumbers() throws IOException {
        byte[] file = xlsx(document(3), new XlsxWriter());
        assertThat(Downloaded.sheetNames(file)).containsExactly("Report", "Completion", "Follow-up incomplete");
        assertThat(Downloaded.sheet(file, "Report")).containsExactly(List.of("Teacher summary"),
                List.of("School", "Sample High School (10001)"), List.of("School year", "2018-2019"));
        assertThat(Downloaded.sheet(file, "Completion")).containsExactly(List.of("Figure", "Students"),
                List.of("Students", "7"), List.of("Follow-up complete", "4"), List.of("Rate", "66.7"), List.of("No rate", ""));
        assertThat(Downloaded.sheet(file, "Follow-up incomplete")).hasSize(4);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file))) {
            var completion = workbook.getSheet("Completion");
            assertThat(completion.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(completion.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(66.7);
            assertThat(completion.getRow(4).getCell(1).getCellType()).isEqualTo(CellType.BLANK);
        }
    }

    @Test
    void aTableLongerThanASheetGoesOnInFurtherSheetsWithTheHeaderRepeated() throws IOException {
        // 5 rows a sheet (header + 4): 10 students need sheets of 4, 4 and 2
        byte[] file = xlsx(document(10), new XlsxWriter(5));
        assertThat(Downloaded.sheetNames(file)).containsExactly("Report", "Completion", "Follow-up incomplete",
                "Follow-up incomplete (2)", "Follow-up incomplete (3)");
        List<String> stns = new ArrayList<>();
        for (String name : List.of("Follow-up incomplete", "Follow-up incomplete (2)", "Follow-up incomplete (3)")) {
            List<List<String>> rows = Downloaded.sheet(file, name);
            assertThat(rows.get(0)).containsExactly("Student", "STN");
            assertThat(rows.size()).isLessThanOrEqualTo(5);
            rows.subList(1, rows.size()).forEach(r -> stns.add(r.get(1)));
        }
        assertThat(stns).isEqualTo(IntStream.rangeClosed(1, 10).mapToObj(i -> String.format("%010d", i)).toList());
    }

    @Test
    void textThatLooksLikeAFormulaStaysTextInTheWorkbook() throws IOException {
        ReportDocument document = ReportDocument.builder("T", "t")
                .table("Students", List.of("Student"), List.of(row("=HYPERLINK(\"http://evil.example\",\"x\")"), row("Avila, Pat")))
                .build();
        byte[] file = xlsx(document, new XlsxWriter());
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file))) {
            var students = workbook.getSheet("Students");
            assertThat(students.getRow(1).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(students.getRow(1).getCell(0).getStringCellValue()).startsWith("=HYPERLINK(");
            assertThat(students.getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(students.getRow(2).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void aDefaultSheetHoldsExcelsMaximumOfRows() {
        assertThat(new XlsxWriter()).extracting("maxRowsPerSheet").isEqualTo(1_048_576);
    }

    @Test
    void longSheetNamesAreCutToExcelsLimitAndKeptUnique() throws IOException {
        String longTitle = "A table whose title is far longer than Excel allows";
        ReportDocument document = ReportDocument.builder("T", "t")
                .table(longTitle, List.of("a"), List.of(row("1")))
                .table(longTitle, List.of("a"), List.of(row("2")))
                .build();
        List<String> names = Downloaded.sheetNames(xlsx(document, new XlsxWriter()));
        assertThat(names).hasSize(3).doesNotHaveDuplicates();
        assertThat(names).allMatch(n -> n.length() <= 31);
    }

    @Test
    void thePdfHasTheTitleAboutLinesAndEveryRow() throws IOException {
        List<String> lines = Downloaded.pdfLines(pdf(document(3)));
        assertThat(lines).contains("Teacher summary", "School: Sample High School (10001)", "School year: 2018-2019",
                "Figure Students", "Students 7", "Follow-up complete 4", "Rate 66.7", "Student 3 0000000003");
    }

    @Test
    void aLongPdfTableRepeatsItsHeaderOnEveryPage() throws IOException {
        byte[] file = pdf(document(200));
        int pages = Downloaded.pdfPages(file);
        assertThat(pages).isGreaterThan(2);
        List<String> lines = Downloaded.pdfLines(file);
        assertThat(lines.stream().filter("Student STN"::equals).count()).isEqualTo(pages);
        assertThat(lines).contains("Student 1 0000000001", "Student 200 0000000200");
    }

    @Test
    void namesPrintAsTheRosterSpellsThem() throws IOException {
        // Vietnamese given composed and decomposed (e + circumflex + tilde), Polish, Greek, Cyrillic
        String names = "Nguyễn Thị Đặng, Ngu\u0079e\u0302\u0303n, Łukasz Wąs, Σοφία, Алексей";
        ReportDocument document = ReportDocument.builder("Teacher summary", "x")
                .about("Teacher", names)
                .table("Students", List.of("Student", "STN"), List.of(row("Nguyễn Thị Đặng", "0000000001")))
                .build();
        assertThat(Downloaded.pdfLines(pdf(document))).contains(
                "Teacher: Nguyễn Thị Đặng, Nguyễn, Łukasz Wąs, Σοφία, Алексей", "Nguyễn Thị Đặng 0000000001");
    }

    @Test
    void charactersTheFontHasNoGlyphForBecomeQuestionMarks() throws IOException {
        ReportDocument document = ReportDocument.builder("Zoë 学校 \u0007", "x").build();
        assertThat(Downloaded.pdfLines(pdf(document))).contains("Zoë ?? ?");
    }
}
