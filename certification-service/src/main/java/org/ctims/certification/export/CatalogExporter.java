package org.ctims.certification.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.CareerCluster;

/**
 * Writes a year's current list as .xlsx with POI's streaming writer (SXSSF: only a window of rows
 * in memory). The layout is the one imports read, so an exported list can be edited and uploaded
 * again; a second sheet lists the year's clusters.
 */
final class CatalogExporter {

    static final String[] HEADER = {"Assessment Number", "Assessment Name", "Vendor", "Career Cluster", "Notes"};

    private CatalogExporter() {
    }

    static void write(List<Assessment> assessments, List<CareerCluster> clusters, OutputStream out) throws IOException {
        Map<String, CareerCluster> byCode = clusters.stream()
                .collect(Collectors.toMap(CareerCluster::code, Function.identity()));
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);

            SXSSFSheet list = workbook.createSheet("Approved Assessments");
            header(list, bold, HEADER);
            int index = 1;
            for (Assessment a : assessments) {
                Row row = list.createRow(index++);
                row.createCell(0).setCellValue(a.number());
                row.createCell(1).setCellValue(a.name());
                text(row, 2, a.vendor());
                row.createCell(3).setCellValue(a.clusters().stream()
                        .map(code -> byCode.containsKey(code) ? byCode.get(code).label() : code)
                        .collect(Collectors.joining("; ")));
                text(row, 4, a.notes());
            }
            list.createFreezePane(0, 1);

            Sheet clusterSheet = workbook.createSheet("Career Clusters");
            header(clusterSheet, bold, "Code", "Name");
            index = 1;
            for (CareerCluster cluster : clusters) {
                Row row = clusterSheet.createRow(index++);
                row.createCell(0).setCellValue(cluster.code());
                row.createCell(1).setCellValue(cluster.name());
            }
            workbook.write(out);
        }
        finally {
            workbook.close(); // also deletes SXSSF's temporary files
        }
    }

    private static void header(Sheet sheet, CellStyle style, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
            row.getCell(i).setCellStyle(style);
        }
    }

    private static void text(Row row, int column, String value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }
}
