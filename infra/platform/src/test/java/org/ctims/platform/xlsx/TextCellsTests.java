package org.ctims.platform.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class TextCellsTests {

    static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1:A2)",
            "\t=1", "\r=1");

    @Test
    void textThatLooksLikeAFormulaIsKeptExactlyAsTextAndMarkedQuotePrefixed() throws Exception {
        byte[] file;
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
            TextCells text = new TextCells(workbook);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            var sheet = workbook.createSheet("S");
            int r = 0;
            for (String value : HOSTILE) {
                text.set(sheet.createRow(r++), 0, value);
            }
            Row plain = sheet.createRow(r++);
            text.set(plain, 0, "Welding - level 2");
            text.set(plain, 1, null);
            Cell styled = sheet.createRow(r).createCell(0);
            styled.setCellStyle(bold);
            text.set(styled, "=1+1");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            file = out.toByteArray();
        }
        try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet sheet = read.getSheet("S");
            for (int r = 0; r < HOSTILE.size(); r++) {
                Cell cell = sheet.getRow(r).getCell(0);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isEqualTo(HOSTILE.get(r));
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(HOSTILE.get(r)).isTrue();
            }
            Row plain = sheet.getRow(HOSTILE.size());
            assertThat(plain.getCell(0).getStringCellValue()).isEqualTo("Welding - level 2");
            assertThat(plain.getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
            assertThat(plain.getCell(1)).as("no cell for null").isNull();
            Cell styled = sheet.getRow(HOSTILE.size() + 1).getCell(0);
            assertThat(styled.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(read.getFontAt(styled.getCellStyle().getFontIndex()).getBold()).as("its own style kept").isTrue();
        }
    }

    @Test
    void onlyTheLeadingCharacterDecides() {
        assertThat(TextCells.looksLikeFormula("a=b")).isFalse();
        assertThat(TextCells.looksLikeFormula("")).isFalse();
        assertThat(TextCells.looksLikeFormula(null)).isFalse();
        assertThat(HOSTILE).allMatch(TextCells::looksLikeFormula);
    }
}
