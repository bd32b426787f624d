package org.ctims.certification.testdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.testing.xlsx.HostileWorkbooks;

/**
 * Writes Approved Assessment List spreadsheets for tests with POI, so no binary fixture is
 * committed: {@code AssessmentListWorkbook.standard().row(7503, "Early Childhood Education", "Pre-Pac", "ED").bytes()}.
 * Strings become text cells, numbers numeric cells, null an absent cell.
 */
public final class AssessmentListWorkbook {

    public static final String[] STANDARD_HEADER = {"Assessment Number", "Assessment Name", "Vendor / Credentialing Body",
            "Career Cluster", "Notes"};

    private final List<Object[]> rows = new ArrayList<>();
    private final List<String> sheetsBefore = new ArrayList<>();
    private String sheetName = "Approved Assessments";
    private final List<Object[]> clusterRows = new ArrayList<>();

    private AssessmentListWorkbook() {
    }

    /** A list with the standard header in its first row. */
    public static AssessmentListWorkbook standard() {
        return empty().row((Object[]) STANDARD_HEADER);
    }

    /** A sheet with no rows at all: add the header yourself. */
    public static AssessmentListWorkbook empty() {
        return new AssessmentListWorkbook();
    }

    public AssessmentListWorkbook row(Object... cells) {
        rows.add(cells);
        return this;
    }

    public AssessmentListWorkbook blankRows(int count) {
        for (int i = 0; i < count; i++) {
            rows.add(new Object[0]);
        }
        return this;
    }

    /** An unrelated sheet before the list (e.g. instructions). */
    public AssessmentListWorkbook sheetBefore(String name) {
        sheetsBefore.add(name);
        return this;
    }

    /** Adds a "Career Clusters" sheet after the list with these rows (the first one being its header). */
    public AssessmentListWorkbook clusterRow(Object... cells) {
        clusterRows.add(cells);
        return this;
    }

    /** Adds a "Career Clusters" sheet with a Code / Name header and these clusters. */
    public AssessmentListWorkbook clusterSheet(List<org.ctims.certification.catalog.CareerCluster> clusters) {
        clusterRow("Code", "Name");
        clusters.forEach(c -> clusterRow(c.code(), c.name()));
        return this;
    }

    public AssessmentListWorkbook sheetName(String name) {
        this.sheetName = name;
        return this;
    }

    public byte[] bytes() {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
            for (String name : sheetsBefore) {
                Sheet sheet = workbook.createSheet(name);
                sheet.createRow(0).createCell(0).setCellValue("Read me first: this sheet is not the list.");
            }
            Sheet sheet = workbook.createSheet(sheetName);
            write(sheet, rows);
            if (!clusterRows.isEmpty()) {
                write(workbook.createSheet("Career Clusters"), clusterRows);
            }
            return toBytes(workbook);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same list as an old-style .xls workbook. */
    public byte[] xlsBytes() {
        try (HSSFWorkbook workbook = new HSSFWorkbook()) {
            write(workbook.createSheet(sheetName), rows);
            return toBytes(workbook);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The list, encrypted with a password as Excel does. */
    public byte[] encryptedBytes(String password) {
        return HostileWorkbooks.encrypted(bytes(), password);
    }

    /**
     * A valid-looking .xlsx whose sheet expands to {@code megabytes} of blanks: a few dozen
     * kilobytes on the wire, a zip bomb for a reader that is not guarded.
     */
    public static byte[] zipBomb(int megabytes) {
        return HostileWorkbooks.zipBomb(standard().row(7503, "Early Childhood Education", "Pre-Pac", "ED").bytes(), megabytes);
    }

    /** A file that starts like an .xlsx (a zip) but is cut off. */
    public static byte[] truncated() {
        return HostileWorkbooks.truncated(standard().row(7503, "Early Childhood Education", "Pre-Pac", "ED").bytes());
    }

    private static void write(Sheet sheet, List<Object[]> rows) {
        int index = 0;
        for (Object[] cells : rows) {
            Row row = sheet.createRow(index++);
            for (int c = 0; c < cells.length; c++) {
                Object value = cells[c];
                if (value instanceof Number number) {
                    row.createCell(c).setCellValue(number.doubleValue());
                }
                else if (value != null) {
                    row.createCell(c).setCellValue(value.toString());
                }
            }
        }
    }

    private static byte[] toBytes(Workbook workbook) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(out);
        return out.toByteArray();
    }
}
