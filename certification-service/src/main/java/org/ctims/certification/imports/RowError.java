package org.ctims.certification.imports;

/**
 * What is wrong with one row of an uploaded list.
 *
 * @param sheet the sheet's name (null when the file as a whole is wrong)
 * @param row the row number as the spreadsheet shows it (1-based); 0 for the sheet or file as a whole
 * @param column the column's header as the file names it (or the expected header when it is missing)
 * @param reason what is wrong, for a person
 */
public record RowError(String sheet, int row, String column, String reason) {
}
