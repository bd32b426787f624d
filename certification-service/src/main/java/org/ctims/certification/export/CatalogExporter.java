package org.ctims.certification.export;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.platform.xlsx.TextCells;
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
            TextCells text = new TextCells(workbook);
            CellStyle bold = text.bold();

            SXSSFSheet list = workbook.createSheet("Approved Assessments");
            header(list, bold, HEADER);
            int index = 1;
            for (Assessment a : assessments) {
                Row row = list.createRow(index++);
                text.set(row, 0, a.number());
                text.set(row, 1, a.name());
                text.set(row, 2, a.vendor());
                text.set(row, 3, a.clusters().stream()
                        .map(code -> byCode.containsKey(code) ? byCode.get(code).label() : code)
                        .collect(Collectors.joining("; ")));
                text.set(row, 4, a.notes());
            }
            list.createFreezePane(0, 1);

            Sheet clusterSheet = workbook.createSheet("Career Clusters");
            header(clusterSheet, bold, "Code", "Name");
            index = 1;
            for (CareerCluster cluster : clusters) {
                Row row = clusterSheet.createRow(index++);
                text.set(row, 0, cluster.code());
                text.set(row, 1, cluster.name());
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
}
