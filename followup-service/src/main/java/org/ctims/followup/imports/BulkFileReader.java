package org.ctims.followup.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.ctims.platform.xlsx.XlsxUpload;

/**
 * Reads a bulk-entry file (streaming, through the platform's {@link XlsxUpload}): the first sheet
 * with a header row naming an STN column within its first {@value #HEADER_SEARCH_ROWS} rows. Blank
 * rows are skipped; a row whose STN is missing, malformed or repeated is an error and is not read
 * further. More than {@code maxRows} student rows refuse the whole file.
 */
final class BulkFileReader {

    static final int HEADER_SEARCH_ROWS = 10;
    private static final Pattern STN = Pattern.compile("\\d{10}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final int maxRows;

    BulkFileReader(int maxRows) {
        this.maxRows = maxRows;
    }

    /**
     * @throws InvalidImportFileException if no sheet has an STN column, or the file has too many rows
     * @throws org.ctims.platform.xlsx.UnsupportedFileException if it is not an .xlsx workbook
     * @throws org.ctims.platform.xlsx.UnreadableWorkbookException if it is encrypted, corrupt or a zip bomb
     */
    BulkFile read(Path file) {
        try (XlsxUpload workbook = XlsxUpload.open(file)) {
            for (String name : workbook.sheetNames()) {
                Sheet sheet = new Sheet();
                workbook.read(name, sheet);
                if (sheet.tooMany) {
                    throw new InvalidImportFileException(List.of(new RowError(0, BulkColumn.STN.header(),
                            "The file has more than " + maxRows + " student rows; split it into several files.")));
                }
                if (sheet.headerError != null) {
                    throw new InvalidImportFileException(List.of(sheet.headerError));
                }
                if (sheet.headers != null) {
                    return new BulkFile(List.copyOf(sheet.rows), List.copyOf(sheet.errors), sheet.headers, sheet.groupHeaders);
                }
            }
        }
        throw new InvalidImportFileException(List.of(new RowError(0, BulkColumn.STN.header(),
                "No header row with an STN column within the first " + HEADER_SEARCH_ROWS
                        + " rows of a sheet. Download the template to see the format.")));
    }

    private final class Sheet implements SheetContentsHandler {

        private final Map<Integer, String> cells = new TreeMap<>();
        private final List<BulkRow> rows = new ArrayList<>();
        private final List<RowError> errors = new ArrayList<>();
        private final Map<String, Integer> rowOfStn = new HashMap<>();
        private Map<BulkColumn, String> headers;
        private Map<Integer, Map<BulkColumn, String>> groupHeaders;
        private Map<Integer, BulkColumn.Header> columns;
        private RowError headerError;
        private int rowsSeen;
        private int badRows;
        private boolean tooMany;

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            if (reference == null || formattedValue == null) {
                return;
            }
            String value = formattedValue.strip();
            if (!value.isEmpty()) {
                cells.put((int) new CellReference(reference).getCol(), value);
            }
        }

        @Override
        public void endRow(int rowNum) {
            rowsSeen++;
            if (columns == null) {
                findHeader(rowNum + 1);
                if (headerError != null || (columns == null && rowsSeen >= HEADER_SEARCH_ROWS)) {
                    throw new XlsxUpload.StopReading();
                }
                return;
            }
            if (cells.isEmpty()) {
                return;
            }
            if (rows.size() + badRows >= maxRows) {
                tooMany = true;
                throw new XlsxUpload.StopReading();
            }
            row(rowNum + 1);
        }

        private void findHeader(int row) {
            Map<Integer, BulkColumn.Header> found = new TreeMap<>();
            Map<BulkColumn, String> texts = new EnumMap<>(BulkColumn.class);
            Map<Integer, Map<BulkColumn, String>> groups = new TreeMap<>();
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                BulkColumn.Header header = BulkColumn.of(cell.getValue());
                if (header == null) {
                    continue;
                }
                Map<BulkColumn, String> seen = header.group() == 0 ? texts : groups.computeIfAbsent(header.group(), g -> new EnumMap<>(BulkColumn.class));
                if (seen.containsKey(header.column())) {
                    headerError = new RowError(row, cell.getValue(), "The column '" + cell.getValue()
                            + "' appears twice; keep one.");
                    return;
                }
                seen.put(header.column(), cell.getValue());
                found.put(cell.getKey(), header);
            }
            if (texts.containsKey(BulkColumn.STN)) {
                columns = found;
                headers = texts;
                groupHeaders = groups;
            }
        }

        private void row(int row) {
            Map<BulkColumn, String> answers = new EnumMap<>(BulkColumn.class);
            TreeMap<Integer, BulkRow.EntryCells> entries = new TreeMap<>();
            String stn = null;
            String version = null;
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                BulkColumn.Header header = columns.get(cell.getKey());
                if (header == null) {
                    continue;
                }
                String value = cell.getValue();
                switch (header.column()) {
                    case STN -> stn = SPACES.matcher(value).replaceAll("");
                    case VERSION -> version = value;
                    case ASSESSMENT, CLUSTER, RESULT -> {
                        BulkRow.EntryCells e = entries.getOrDefault(header.group(), new BulkRow.EntryCells(null, null, null));
                        entries.put(header.group(), switch (header.column()) {
                            case ASSESSMENT -> new BulkRow.EntryCells(value, e.cluster(), e.result());
                            case CLUSTER -> new BulkRow.EntryCells(e.assessment(), value, e.result());
                            default -> new BulkRow.EntryCells(e.assessment(), e.cluster(), value);
                        });
                    }
                    default -> answers.put(header.column(), value);
                }
            }
            String stnHeader = headers.get(BulkColumn.STN);
            if (stn == null) {
                if (answers.isEmpty() && entries.isEmpty() && version == null) {
                    return; // only columns the import ignores: not a student row
                }
                error(row, stnHeader, "The STN is missing.");
            }
            else if (!STN.matcher(stn).matches()) {
                error(row, stnHeader, "'" + stn + "' is not an STN: exactly 10 digits"
                        + (stn.matches("\\d{1,9}") ? " (if it starts with 0, format the column as Text)" : "") + ".");
            }
            else if (rowOfStn.containsKey(stn)) {
                error(row, stnHeader, "The same student is already on row " + rowOfStn.get(stn) + ".");
            }
            else {
                rowOfStn.put(stn, row);
                rows.add(new BulkRow(row, stn, version, answers, entries));
            }
        }

        private void error(int row, String column, String reason) {
            badRows++;
            errors.add(new RowError(row, column, reason));
        }
    }
}
