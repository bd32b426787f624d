package org.ctims.report.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.platform.xlsx.TextCells;

/**
 * Writes a {@link ReportDocument} as an {@code .xlsx} workbook with POI's streaming SXSSF: only a
 * window of rows stays in memory, the rest is flushed to a temporary file, so a long table does
 * not need a heap proportional to its length. The first sheet ("Report") holds the title and the
 * "about" lines; each table gets a sheet with a bold header row. A table longer than a sheet can
 * hold (Excel's 1,048,576 rows) goes on in "Title (2)", "Title (3)" … with the header repeated.
 */
public final class XlsxWriter {

    private static final int ROWS_IN_MEMORY = 200;

    private final int maxRowsPerSheet;

    public XlsxWriter() {
        this(SpreadsheetVersion.EXCEL2007.getMaxRows());
    }

    /** @param maxRowsPerSheet rows a sheet may hold, header included (tests use a small number) */
    XlsxWriter(int maxRowsPerSheet) {
        if (maxRowsPerSheet < 2) {
            throw new IllegalArgumentException("a sheet must hold a header and a row");
        }
        this.maxRowsPerSheet = maxRowsPerSheet;
    }

    public void write(ReportDocument document, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        try {
            TextCells text = new TextCells(workbook);
            CellStyle bold = text.bold();
            CellStyle plain = workbook.getCellStyleAt(0);
            CellStyle percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.0"));
            Set<String> names = new HashSet<>();

            Sheet about = workbook.createSheet(unique("Report", names));
            Cell title = about.createRow(0).createCell(0);
            title.setCellValue(document.title());
            title.setCellStyle(bold);
            int r = 1;
            for (String[] line : document.about()) {
                Row row = about.createRow(r++);
                set(row, 0, line[0], plain, percent, text);
                set(row, 1, line[1], plain, percent, text);
            }
            for (ReportDocument.Table table : document.tables()) {
                writeTable(workbook, table, names, bold, plain, percent, text);
            }
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes the temporary files
        }
    }

    private void writeTable(SXSSFWorkbook workbook, ReportDocument.Table table, Set<String> names, CellStyle bold,
                            CellStyle plain, CellStyle percent, TextCells text) {
        int part = 1;
        Sheet sheet = startSheet(workbook, table, part, names, bold);
        int r = 1;
        for (List<Object> cells : table.rows()) {
            if (r == maxRowsPerSheet) {
                sheet = startSheet(workbook, table, ++part, names, bold);
                r = 1;
            }
            Row row = sheet.createRow(r++);
            for (int c = 0; c < cells.size(); c++) {
                set(row, c, cells.get(c), plain, percent, text);
            }
        }
    }

    private static Sheet startSheet(SXSSFWorkbook workbook, ReportDocument.Table table, int part, Set<String> names,
                                    CellStyle bold) {
        String base = part == 1 ? table.title() : table.title() + " (" + part + ")";
        Sheet sheet = workbook.createSheet(unique(base, names));
        Row header = sheet.createRow(0);
        for (int c = 0; c < table.header().size(); c++) {
            Cell cell = header.createCell(c);
            cell.setCellValue(table.header().get(c));
            cell.setCellStyle(bold);
        }
        return sheet;
    }

    /** Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
    private static String unique(String wanted, Set<String> names) {
        String safe = WorkbookUtil.createSafeSheetName(wanted);
        String name = safe;
        for (int n = 2; !names.add(name.toLowerCase()); n++) {
            String suffix = " " + n;
            name = safe.substring(0, Math.min(safe.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    /**
     * Puts a value in the row's cell at {@code column} (a null value: an empty cell). Every cell
     * gets its style explicitly, the plain one included: for a cell without one, POI looks up its
     * column's default style in the sheet's XML model each time the row is written, which took
     * about a tenth of a large export's time.
     */
    private static void set(Row row, int column, Object value, CellStyle plain, CellStyle percent, TextCells text) {
        Cell cell = row.createCell(column);
        if (value instanceof BigDecimal d) {
            cell.setCellValue(d.doubleValue());
            cell.setCellStyle(percent);
            return;
        }
        cell.setCellStyle(plain);
        if (value instanceof Number n) {
            cell.setCellValue(n.longValue());
        } else if (value != null) {
            text.set(cell, value.toString());
        }
    }
}
