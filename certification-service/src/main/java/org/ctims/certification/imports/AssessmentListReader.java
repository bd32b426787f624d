package org.ctims.certification.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.ListedAssessment;
import org.ctims.certification.catalog.Text;
import org.ctims.platform.xlsx.XlsxUpload;

/**
 * Reads an Approved Assessment List from an .xlsx file in streaming mode (POI's SAX event API),
 * so a 50,000-row list needs no more heap than its valid rows. The first sheet with a header row
 * (within its first {@value #HEADER_SEARCH_ROWS} rows) naming at least the number and name
 * columns is the list; columns are found by header text in any order and extra columns are
 * ignored. Cells are cleaned (surrounding and repeated spaces), blank rows skipped, and numbers
 * read the same whether stored as numbers or as text.
 *
 * <p>A sheet whose name contains "cluster" is the year's cluster list (Code and Name columns): it
 * is read first, and the assessments' clusters are then checked against it instead of the year's
 * current clusters.
 *
 * <p>The file is opened with the platform's {@link XlsxUpload} (format check, encrypted, corrupt
 * and zip-bomb workbooks refused); the upload size limit and {@code maxRows} bound the rest.
 */
final class AssessmentListReader {

    static final int HEADER_SEARCH_ROWS = 20;
    static final int MAX_NUMBER = 20;
    static final int MAX_NAME = 300;
    static final int MAX_VENDOR = 300;
    static final int MAX_NOTES = 2000;
    private static final Pattern NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.\\-]*");
    private static final Pattern CLUSTER_CODE = Pattern.compile("[A-Z0-9]{1,8}");
    static final int MAX_CLUSTERS = 100;
    static final int MAX_CLUSTER_NAME = 200;
    private static final Pattern GROUPED_DIGITS = Pattern.compile("\\d{1,3}(,\\d{3})+");

    private final int maxRows;
    private final int maxReportedErrors;

    AssessmentListReader(int maxRows, int maxReportedErrors) {
        this.maxRows = maxRows;
        this.maxReportedErrors = maxReportedErrors;
    }

    /**
     * @throws org.ctims.platform.xlsx.UnsupportedFileException if the file is not an .xlsx workbook
     * @throws org.ctims.platform.xlsx.UnreadableWorkbookException if it is encrypted, corrupt or a zip bomb
     */
    ParsedList read(Path file, List<CareerCluster> yearClusters) {
        try (XlsxUpload workbook = XlsxUpload.open(file)) {
            Errors errors = new Errors();

            List<CareerCluster> fileClusters = null;
            String clusterSheetName = null;
            for (String sheetName : workbook.sheetNames()) {
                if (Text.fold(sheetName).contains("cluster")) {
                    clusterSheetName = sheetName;
                    ClusterSheet sheet = new ClusterSheet(clusterSheetName, errors);
                    workbook.read(sheetName, sheet);
                    fileClusters = sheet.result();
                    break;
                }
            }
            ClusterResolver clusters = fileClusters == null
                    ? new ClusterResolver(yearClusters, "this school year")
                    : new ClusterResolver(fileClusters, "the sheet '" + clusterSheetName + "'");

            for (String sheetName : workbook.sheetNames()) {
                if (sheetName.equals(clusterSheetName)) {
                    continue;
                }
                ListSheet sheet = new ListSheet(sheetName, clusters, errors);
                workbook.read(sheetName, sheet);
                if (sheet.header != null) {
                    return new ParsedList(sheet.rowsRead, List.copyOf(sheet.assessments), fileClusters,
                            errors.listed(), errors.count);
                }
            }
            errors.add(null, 0, ImportColumn.NUMBER.displayName(),
                    "No header row found: the list needs columns named like Assessment Number, Assessment Name and "
                            + "Career Cluster within the first " + HEADER_SEARCH_ROWS + " rows of a sheet.");
            return new ParsedList(0, List.of(), fileClusters, errors.listed(), errors.count);
        }
    }

    /** Invalid rows of the whole file: all counted, the first {@code maxReportedErrors} listed. */
    private final class Errors {

        private final List<RowError> listed = new ArrayList<>();
        private int count;

        void add(String sheet, int row, String column, String reason) {
            count++;
            if (listed.size() < maxReportedErrors) {
                listed.add(new RowError(sheet, row, column, reason));
            }
        }

        List<RowError> listed() {
            return List.copyOf(listed);
        }
    }

    /** Collects a row's cleaned cells by column index. */
    private abstract static class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {

        final Map<Integer, String> cells = new TreeMap<>();

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void cell(String reference, String formattedValue, XSSFComment comment) {
            if (reference == null) {
                return;
            }
            String value = Text.clean(formattedValue);
            if (value != null) {
                cells.put((int) new CellReference(reference).getCol(), value);
            }
        }
    }

    /** A "career clusters" sheet: code and name of each cluster of the year. */
    private final class ClusterSheet extends Rows {

        private final String name;
        private final Errors errors;
        private final Map<String, CareerCluster> clusters = new LinkedHashMap<>();
        private final Map<String, Integer> rowOfCode = new HashMap<>();
        private Integer codeColumn;
        private Integer nameColumn;
        private int rowsSeen;

        ClusterSheet(String name, Errors errors) {
            this.name = name;
            this.errors = errors;
        }

        @Override
        public void endRow(int rowNum) {
            rowsSeen++;
            if (codeColumn == null) {
                cells.forEach((column, text) -> {
                    String folded = Text.fold(text);
                    if (codeColumn == null && (folded.equals("code") || folded.endsWith(" code"))) {
                        codeColumn = column;
                    }
                    else if (nameColumn == null && (folded.equals("name") || folded.endsWith(" name")
                            || folded.equals("cluster") || folded.equals("career cluster"))) {
                        nameColumn = column;
                    }
                });
                if (codeColumn == null || nameColumn == null) {
                    codeColumn = null;
                    nameColumn = null;
                    if (rowsSeen >= HEADER_SEARCH_ROWS) {
                        throw new XlsxUpload.StopReading();
                    }
                }
                return;
            }
            if (cells.isEmpty()) {
                return;
            }
            int row = rowNum + 1;
            if (clusters.size() >= MAX_CLUSTERS) {
                errors.add(name, row, "Code", "A year has at most " + MAX_CLUSTERS + " career clusters.");
                throw new XlsxUpload.StopReading();
            }
            String code = cells.get(codeColumn);
            String clusterName = cells.get(nameColumn);
            int before = errors.count;
            if (code == null) {
                errors.add(name, row, "Code", "The cluster code is missing.");
            }
            else {
                code = code.toUpperCase(Locale.ROOT);
                if (!CLUSTER_CODE.matcher(code).matches()) {
                    errors.add(name, row, "Code", "A cluster code is 1 to 8 letters or digits.");
                }
                else if (rowOfCode.containsKey(code)) {
                    errors.add(name, row, "Code", "Cluster " + code + " is already on row " + rowOfCode.get(code) + ".");
                }
                else {
                    rowOfCode.put(code, row);
                }
            }
            if (clusterName == null) {
                errors.add(name, row, "Name", "The cluster name is missing.");
            }
            else if (clusterName.length() > MAX_CLUSTER_NAME) {
                errors.add(name, row, "Name", "The cluster name is longer than " + MAX_CLUSTER_NAME + " characters.");
            }
            if (errors.count == before) {
                clusters.put(code, new CareerCluster(code, clusterName));
            }
        }

        List<CareerCluster> result() {
            if (codeColumn == null) {
                errors.add(name, 0, "Code", "The cluster sheet needs a header row with Code and Name columns.");
            }
            else if (clusters.isEmpty() && errors.count == 0) {
                errors.add(name, 0, "Code", "The cluster sheet lists no clusters.");
            }
            return List.copyOf(clusters.values());
        }
    }

    /** The assessment sheet. */
    private final class ListSheet extends Rows {

        private final String name;
        private final ClusterResolver clusters;
        private final Errors errors;
        private final List<ListedAssessment> assessments = new ArrayList<>();
        private final Map<String, Integer> rowOfNumber = new HashMap<>();
        private Map<ImportColumn, Integer> header;
        private Map<ImportColumn, String> headerText;
        private int rowsSeen;
        private int rowsRead;

        ListSheet(String name, ClusterResolver clusters, Errors errors) {
            this.name = name;
            this.clusters = clusters;
            this.errors = errors;
        }

        @Override
        public void endRow(int rowNum) {
            rowsSeen++;
            if (header == null) {
                findHeader();
                if (header == null && rowsSeen >= HEADER_SEARCH_ROWS) {
                    throw new XlsxUpload.StopReading();
                }
                return;
            }
            if (cells.isEmpty()) {
                return;
            }
            rowsRead++;
            if (rowsRead > maxRows) {
                rowsRead--;
                error(0, ImportColumn.NUMBER, "The list has more than " + maxRows + " rows; split it or ask for a higher limit.");
                throw new XlsxUpload.StopReading();
            }
            row(rowNum + 1);
        }

        private void findHeader() {
            Map<ImportColumn, Integer> found = new EnumMap<>(ImportColumn.class);
            Map<ImportColumn, String> texts = new EnumMap<>(ImportColumn.class);
            cells.forEach((column, text) -> {
                ImportColumn kind = ImportColumn.of(text);
                if (kind != null && !found.containsKey(kind)) {
                    found.put(kind, column);
                    texts.put(kind, text);
                }
            });
            if (!found.containsKey(ImportColumn.NUMBER) || !found.containsKey(ImportColumn.NAME)) {
                return;
            }
            header = found;
            headerText = texts;
            boolean missingColumns = false;
            for (ImportColumn column : ImportColumn.values()) {
                if (column.required() && !found.containsKey(column)) {
                    error(0, column, "The list has no " + column.displayName() + " column.");
                    missingColumns = true;
                }
            }
            if (missingColumns) {
                throw new XlsxUpload.StopReading();
            }
        }

        private void row(int row) {
            int before = errors.count;
            String number = value(ImportColumn.NUMBER);
            if (number != null && GROUPED_DIGITS.matcher(number).matches()) {
                number = number.replace(",", "");
            }
            if (number == null) {
                error(row, ImportColumn.NUMBER, "The assessment number is missing.");
            }
            else if (number.length() > MAX_NUMBER) {
                error(row, ImportColumn.NUMBER, "The assessment number is longer than " + MAX_NUMBER + " characters.");
            }
            else if (!NUMBER.matcher(number).matches()) {
                error(row, ImportColumn.NUMBER, "The assessment number may contain only letters, digits, '.' and '-'.");
            }
            else if (rowOfNumber.containsKey(number)) {
                error(row, ImportColumn.NUMBER, "Assessment number " + number + " is already on row " + rowOfNumber.get(number) + ".");
            }
            else {
                rowOfNumber.put(number, row);
            }
            String name = value(ImportColumn.NAME);
            if (name == null) {
                error(row, ImportColumn.NAME, "The assessment name is missing.");
            }
            else if (name.length() > MAX_NAME) {
                error(row, ImportColumn.NAME, "The assessment name is longer than " + MAX_NAME + " characters.");
            }
            String vendor = value(ImportColumn.VENDOR);
            if (vendor != null && vendor.length() > MAX_VENDOR) {
                error(row, ImportColumn.VENDOR, "The vendor is longer than " + MAX_VENDOR + " characters.");
            }
            String notes = value(ImportColumn.NOTES);
            if (notes != null && notes.length() > MAX_NOTES) {
                error(row, ImportColumn.NOTES, "The notes are longer than " + MAX_NOTES + " characters.");
            }
            List<String> codes = List.of();
            String clusterCell = value(ImportColumn.CLUSTERS);
            if (clusterCell == null) {
                error(row, ImportColumn.CLUSTERS, "The career cluster is missing.");
            }
            else {
                ClusterResolver.Resolution resolution = clusters.resolve(clusterCell);
                for (String unknown : resolution.unknown()) {
                    error(row, ImportColumn.CLUSTERS, "Unknown career cluster '" + unknown + "': not a cluster of " + clusters.source() + ".");
                }
                if (resolution.unknown().isEmpty() && resolution.codes().isEmpty()) {
                    error(row, ImportColumn.CLUSTERS, "The career cluster is missing.");
                }
                codes = resolution.codes();
            }
            if (errors.count == before) {
                assessments.add(new ListedAssessment(row, number, name, vendor, notes, codes));
            }
        }

        private String value(ImportColumn column) {
            Integer index = header.get(column);
            return index == null ? null : cells.get(index);
        }

        private void error(int row, ImportColumn column, String reason) {
            String header = headerText == null ? null : headerText.get(column);
            errors.add(name, row, header == null ? column.displayName() : header, reason);
        }
    }
}
