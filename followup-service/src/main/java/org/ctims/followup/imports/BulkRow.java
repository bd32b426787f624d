package org.ctims.followup.imports;

import java.util.Map;
import java.util.SortedMap;

/**
 * One student's row of a bulk-entry file as read: the cleaned, non-blank cells by column.
 *
 * @param row the row number as the spreadsheet shows it
 * @param cells the answers' cells (blank cells are absent: "leave unchanged")
 * @param entries the certification column groups with at least one non-blank cell, by group number
 */
record BulkRow(int row, String stn, String version, Map<BulkColumn, String> cells, SortedMap<Integer, EntryCells> entries) {

    /** The cells of one certification group; null where blank. */
    record EntryCells(String assessment, String cluster, String result) {
    }
}
