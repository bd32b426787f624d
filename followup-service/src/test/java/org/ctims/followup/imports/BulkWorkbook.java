package org.ctims.followup.imports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes bulk-entry files for tests with POI (no binary fixtures):
 * {@code BulkWorkbook.with("STN", "Education status").row("1234567890", "Not attending school").bytes()}.
 * Strings become text cells, numbers numeric cells, null an absent cell.
 */
public final class BulkWorkbook {

    private final List<Object[]> rows = new ArrayList<>();
    private boolean inlineStrings;

    private BulkWorkbook() {
    }

    public static BulkWorkbook with(Object... header) {
        return new BulkWorkbook().row(header);
    }

    public BulkWorkbook row(Object... cells) {
        rows.add(cells);
        return this;
    }

    /** Text as inline strings ({@code <is><t>}), as streaming writers and some other tools store it. */
    public BulkWorkbook inlineStrings() {
        inlineStrings = true;
        return this;
    }

    public byte[] bytes() {
        try (Workbook workbook = inlineStrings ? new SXSSFWorkbook(10) : new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("Students");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                Object[] cells = rows.get(r);
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c] instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    }
                    else if (cells[c] != null) {
                        row.createCell(c).setCellValue(cells[c].toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
