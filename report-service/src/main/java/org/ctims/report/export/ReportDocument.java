package org.ctims.report.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A report laid out for people: a title, a few "about" lines (school, year, teacher) and tables.
 * The same document is written as {@code .xlsx} ({@link XlsxWriter}) and {@code .pdf}
 * ({@link PdfWriter}), so both files hold the same figures as the JSON they are built from.
 *
 * @param fileName the download's name without extension, e.g. {@code school-summary-10001-2018-2019}
 */
public record ReportDocument(String title, String fileName, List<String[]> about, List<Table> tables) {

    public ReportDocument {
        about = List.copyOf(about);
        tables = List.copyOf(tables);
    }

    /**
     * One table: a sheet in the workbook, a titled block in the PDF. Cells are {@code String},
     * whole numbers ({@code Long}/{@code Integer}), {@code BigDecimal} (percentages) or null (empty).
     * The rows of a summary are a list; a large export's rows may be read from the database while
     * the workbook is written (iterable once, so such a document goes to {@code .xlsx} only).
     */
    public record Table(String title, List<String> header, Iterable<List<Object>> rows) {

        public Table {
            header = List.copyOf(header);
        }
    }

    /** This document with one more table. */
    public ReportDocument with(Table table) {
        List<Table> more = new ArrayList<>(tables);
        more.add(table);
        return new ReportDocument(title, fileName, about, more);
    }

    /** Builds a document table by table. */
    public static Builder builder(String title, String fileName) {
        return new Builder(title, fileName);
    }

    public static final class Builder {

        private final String title;
        private final String fileName;
        private final List<String[]> about = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();

        private Builder(String title, String fileName) {
            this.title = title;
            this.fileName = fileName;
        }

        public Builder about(String label, String value) {
            about.add(new String[] {label, value == null ? "" : value});
            return this;
        }

        public Builder table(String title, List<String> header, List<List<Object>> rows) {
            tables.add(new Table(title, header, rows));
            return this;
        }

        public ReportDocument build() {
            return new ReportDocument(title, fileName, about, tables);
        }
    }

    /** A row of cells; unlike {@code List.of} it accepts nulls (empty cells). */
    public static List<Object> row(Object... cells) {
        return Arrays.asList(cells);
    }
}
