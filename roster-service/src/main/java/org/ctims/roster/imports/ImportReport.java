package org.ctims.roster.imports;

import java.util.List;
import java.util.Map;

/**
 * What an upload did.
 *
 * @param importId id of this import (rejections of it are also listed by {@code GET /api/roster/rejections})
 * @param sis the namespace the records were stored under
 * @param files per CSV file: rows read, applied (newer than what was stored), unchanged (older or equal), rejected,
 *        removed (records a bulk file no longer lists, marked {@code tobedeleted})
 * @param rejections every rejected row with its file, line and reason
 */
public record ImportReport(String importId, String sis, Map<String, FileCounts> files, List<RowRejection> rejections) {

    public record FileCounts(int rows, int applied, int unchanged, int rejected, int removed) {
    }

    public record RowRejection(String file, int line, String sourcedId, String reason) {
    }
}
