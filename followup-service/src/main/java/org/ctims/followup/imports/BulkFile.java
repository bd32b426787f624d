package org.ctims.followup.imports;

import java.util.List;
import java.util.Map;

/**
 * A bulk-entry file as read: its rows, the errors found while reading (a row with an error in its
 * STN or a repeated STN is not among {@code rows}), and the headers as the file writes them.
 */
record BulkFile(List<BulkRow> rows, List<RowError> errors, Map<BulkColumn, String> headers,
                Map<Integer, Map<BulkColumn, String>> groupHeaders) {

    /** The file's own header of a column, for error messages. */
    String header(BulkColumn column) {
        return headers.getOrDefault(column, column.header());
    }

    String header(BulkColumn column, int group) {
        Map<BulkColumn, String> headers = groupHeaders.get(group);
        String header = headers == null ? null : headers.get(column);
        return header == null ? column.header(group) : header;
    }
}
