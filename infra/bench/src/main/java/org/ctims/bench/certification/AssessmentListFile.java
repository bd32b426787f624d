package org.ctims.bench.certification;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * A synthetic Approved Assessment List of any size, laid out like the state's file: assessment
 * number (numeric cells), name, vendor, career cluster codes. Names are built from a few word lists
 * so searches find tens of matches, like the real list.
 */
final class AssessmentListFile {

    static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final List<String> CLUSTERS = List.of("AC", "AG", "AR", "BA", "ED", "FN", "GV", "HL", "HT", "HU", "IT",
            "LW", "MN", "MK", "ST", "TD", "EN");
    static final List<String> FIELDS = List.of("Welding", "Nursing", "Cosmetology", "Automotive", "Carpentry",
            "Culinary", "Electrical", "Plumbing", "Networking", "Cybersecurity", "Accounting", "Marketing",
            "Early Childhood Education", "Pharmacy", "Emergency Medical", "Agriscience", "Veterinary", "Drafting",
            "Robotics", "Aviation", "Hospitality", "Logistics", "Graphic Design", "Programming", "Masonry");
    static final List<String> LEVELS = List.of("Fundamentals", "Technician", "Specialist", "Associate", "Professional",
            "Level I", "Level II", "Level III", "Assistant", "Advanced Certificate");
    static final List<String> VENDORS = List.of("NOCTI", "NCCER", "AWS", "CompTIA", "NIMS", "ServSafe", "Precision Exams",
            "Pearson VUE", "Certiport", "NATEF", "State Board");
    static final int FIRST_NUMBER = 10_000;

    private AssessmentListFile() {
    }

    static String name(int index) {
        return FIELDS.get(index % FIELDS.size()) + " " + LEVELS.get((index / FIELDS.size()) % LEVELS.size())
                + (index >= FIELDS.size() * LEVELS.size() ? " " + (index / (FIELDS.size() * LEVELS.size()) + 1) : "");
    }

    static byte[] write(int rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Approved Assessments");
            Row header = sheet.createRow(0);
            String[] titles = {"Assessment Number", "Assessment Name", "Vendor / Credentialing Body", "Career Cluster"};
            for (int c = 0; c < titles.length; c++) {
                header.createCell(c).setCellValue(titles[c]);
            }
            for (int i = 0; i < rows; i++) {
                Row row = sheet.createRow(i + 1);
                row.createCell(0).setCellValue(FIRST_NUMBER + i);
                row.createCell(1).setCellValue(name(i));
                row.createCell(2).setCellValue(VENDORS.get(i % VENDORS.size()));
                String cluster = CLUSTERS.get(i % CLUSTERS.size());
                row.createCell(3).setCellValue(i % 5 == 0 ? cluster + "; " + CLUSTERS.get((i + 3) % CLUSTERS.size()) : cluster);
            }
            workbook.write(out);
            workbook.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
