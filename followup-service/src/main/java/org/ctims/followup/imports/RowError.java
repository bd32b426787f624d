package org.ctims.followup.imports;

/**
 * What is wrong with one row (or, with row 0, the file).
 *
 * @param row the row number as the spreadsheet shows it (1-based); 0 for the file as a whole
 * @param column the column's header as the file names it (or the expected header when it is missing)
 * @param reason what is wrong, for a person
 */
public record RowError(int row, String column, String reason) {
}
