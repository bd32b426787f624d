package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Downloaded workbooks opened with POI, as a person reading them would see the cells. */
final class Workbooks {

    private Workbooks() {
    }

    /** The rows of a sheet (the first one when {@code sheetName} is null), cells as shown, joined by " | ". */
    static List<String> rows(Path file, String sheetName) throws IOException {
        DataFormatter format = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            Sheet sheet = sheetName == null ? workbook.getSheetAt(0) : workbook.getSheet(sheetName);
            assertThat(sheet).as("sheet %s of %s", sheetName, file.getFileName()).isNotNull();
            List<String> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(format.formatCellValue(cell)));
                rows.add(String.join(" | ", cells));
            }
            return rows;
        }
    }
}
