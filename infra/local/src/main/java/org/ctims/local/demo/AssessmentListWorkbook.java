package org.ctims.local.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes an Approved Assessment List as the state publishes it: one sheet, the header texts the
 * certification service recognises (certification-service/README.md, "The spreadsheet"), one row
 * per assessment, the number as a numeric cell like Excel stores a typed number. In memory: the
 * list is small and no file is left behind.
 */
final class AssessmentListWorkbook {

    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String[] HEADER = {"Assessment Number", "Assessment Name", "Vendor / Credentialing Body",
            "Career Cluster"};

    private AssessmentListWorkbook() {
    }

    static byte[] write(List<DemoAssessments.Entry> entries) {
        quietPoiLogging();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Approved Assessments");
            Row header = sheet.createRow(0);
            for (int c = 0; c < HEADER.length; c++) {
                header.createCell(c).setCellValue(HEADER[c]);
            }
            int index = 1;
            for (DemoAssessments.Entry entry : entries) {
                Row row = sheet.createRow(index++);
                row.createCell(0).setCellValue(Integer.parseInt(entry.number()));
                row.createCell(1).setCellValue(entry.name());
                row.createCell(2).setCellValue(entry.vendor());
                row.createCell(3).setCellValue(entry.clusters());
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * POI logs through the Log4j API; the launcher has no Log4j implementation, and Log4j then prints
     * an ERROR line that would look like a failed start. Its built-in simple provider (warnings only)
     * is chosen unless some JVM (e.g. a test's) already brings a real one or names one.
     */
    private static void quietPoiLogging() {
        if (System.getProperty("log4j.provider") != null || onClasspath("org.apache.logging.log4j.core.impl.Log4jProvider")
                || onClasspath("org.apache.logging.slf4j.SLF4JProvider")) {
            return;
        }
        System.setProperty("log4j.provider", "org.apache.logging.log4j.simple.internal.SimpleProvider");
        System.setProperty("log4j2.simplelogLevel", "WARN");
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, AssessmentListWorkbook.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
