package org.ctims.platform.xlsx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxUploadTests {

    @TempDir
    Path dir;

    @Test
    void readsInlineStringCellsAsStreamingWritersWriteThem() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(10)) {
            var row = workbook.createSheet("Students").createRow(0);
            row.createCell(0).setCellValue("STN");
            row.createCell(1).setCellValue("Jamie Rivera");
            row.createCell(2).setCellValue(12);
            workbook.write(out);
        }
        String xml = sheetXml(out.toByteArray());
        assertThat(xml).contains("t=\"inlineStr\"");

        assertThat(cells(out.toByteArray())).containsExactly("A1=STN", "B1=Jamie Rivera", "C1=12");
    }

    @Test
    void readsInlineStringsWithRichTextRunsAndPreservedSpaces() throws IOException {
        byte[] file = withSheetXml(plainWorkbook(), """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>\
                <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>STN</x:t></x:is></x:c>\
                <x:c r="B1" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">Early </x:t></x:r>\
                <x:r><x:t>Childhood</x:t></x:r></x:is></x:c>\
                <x:c r="C1" t="inlineStr"><x:is><x:t>Caf\u00e9</x:t><x:rPh sb="0" eb="1"><x:t>ka</x:t></x:rPh></x:is></x:c></x:row>\
                <x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>1234567890</x:t></x:is></x:c><x:c r="B2" t="inlineStr"><x:is/></x:c></x:row>\
                </x:sheetData></x:worksheet>""");

        assertThat(cells(file)).containsExactly("A1=STN", "B1=Early Childhood", "C1=Caf\u00e9", "A2=1234567890", "B2=");
    }

    @Test
    void cellsWithoutTheirOptionalReferenceAreReadAtTheColumnExcelGivesThem() throws IOException {
        byte[] file = withSheetXml(plainWorkbook(), """
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
                <row><c t="inlineStr"><is><t>STN</t></is></c><c t="inlineStr"><is><t>Email</t></is></c></row>\
                <row r="3"><c><v>1234567890</v></c><c r="D3" t="inlineStr"><is><t>late</t></is></c><c t="inlineStr"><is><t>next</t></is></c></row>\
                </sheetData></worksheet>""");

        assertThat(cells(file)).containsExactly("A1=STN", "B1=Email", "A3=1234567890", "D3=late", "E3=next");
    }

    private List<String> cells(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(dir, "upload", ".xlsx");
        Files.write(file, bytes);
        List<String> cells = new ArrayList<>();
        try (XlsxUpload upload = XlsxUpload.open(file)) {
            upload.read(upload.sheetNames().get(0), new SheetContentsHandler() {
                @Override
                public void startRow(int rowNum) {
                }

                @Override
                public void endRow(int rowNum) {
                }

                @Override
                public void cell(String reference, String formattedValue, XSSFComment comment) {
                    cells.add(reference + "=" + formattedValue);
                }
            });
        }
        return cells;
    }

    private static byte[] plainWorkbook() throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("Students").createRow(0).createCell(0).setCellValue("placeholder");
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private String sheetXml(byte[] workbook) throws IOException {
        Path file = Files.createTempFile(dir, "written", ".xlsx");
        Files.write(file, workbook);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml")).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] withSheetXml(byte[] workbook, String xml) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                zip.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? xml.getBytes(StandardCharsets.UTF_8) : in.readAllBytes());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
