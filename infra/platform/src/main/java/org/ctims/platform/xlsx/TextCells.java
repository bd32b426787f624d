package org.ctims.platform.xlsx;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Writes text that came from users (names, job duties, file contents) into the cells of one
 * workbook so that a spreadsheet program never runs it: text starting with {@code = + - @}, a tab
 * or a carriage return is stored as a string cell marked "quote prefixed" (Excel shows the text
 * exactly, and keeps it text when the cell is edited) instead of being altered. Reading the cell
 * back gives the text unchanged, so an exported list or template still round-trips.
 */
public final class TextCells {

    private final Workbook workbook;
    /** The quoted variant of each style in use, by the style's index (0 = the default style). */
    private final Map<Short, CellStyle> quoted = new HashMap<>();
    private CellStyle bold;

    public TextCells(Workbook workbook) {
        this.workbook = workbook;
    }

    /** The workbook's bold style (header rows), made once. */
    public CellStyle bold() {
        if (bold == null) {
            Font font = workbook.createFont();
            font.setBold(true);
            bold = workbook.createCellStyle();
            bold.setFont(font);
        }
        return bold;
    }

    /** Whether a spreadsheet program would read this text as a formula or a command when typed in. */
    public static boolean looksLikeFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** Puts {@code text} into the row's cell at {@code column} (no cell for null), neutralised if it looks like a formula. */
    public void set(Row row, int column, String text) {
        if (text != null) {
            set(row.createCell(column), text);
        }
    }

    /** Sets {@code text} as the cell's string value, neutralised if it looks like a formula. */
    public void set(Cell cell, String text) {
        cell.setCellValue(text);
        if (looksLikeFormula(text)) {
            cell.setCellStyle(quoted(cell.getCellStyle()));
        }
    }

    private CellStyle quoted(CellStyle current) {
        short index = current == null ? 0 : current.getIndex();
        return quoted.computeIfAbsent(index, i -> {
            CellStyle copy = workbook.createCellStyle();
            if (i != 0) {
                copy.cloneStyleFrom(current); // keeps e.g. bold or the text format
            }
            copy.setQuotePrefixed(true);
            return copy;
        });
    }
}
