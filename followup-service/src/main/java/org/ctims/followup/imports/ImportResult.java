package org.ctims.followup.imports;

import java.util.List;
import java.util.UUID;

import org.ctims.followup.report.Change;

/**
 * What a preview found or a commit did, row by row.
 *
 * @param committed false for a preview (nothing was saved)
 * @param rows student rows read (rows whose STN is missing or malformed included)
 * @param changed rows that would change their report (preview) or were saved (commit)
 * @param unchanged rows whose values are already the report's: never saved, so a file can be committed twice
 * @param invalid rows with at least one error: never saved
 * @param results every row, in the file's order
 * @param errors every error of every row, in the file's order
 */
public record ImportResult(boolean committed, String fileName, String organizationPid, String schoolYear, int rows,
                           int changed, int unchanged, int invalid, List<RowResult> results, List<RowError> errors) {

    /** preview: a commit would save these changes */
    public static final String WOULD_CHANGE = "would-change";
    /** commit: saved as a new version of the report */
    public static final String SAVED = "saved";
    /** the row's values are the report's already; nothing to save */
    public static final String UNCHANGED = "unchanged";
    /** at least one error; nothing saved */
    public static final String INVALID = "invalid";

    /**
     * @param outcome {@value #WOULD_CHANGE}, {@value #SAVED}, {@value #UNCHANGED} or {@value #INVALID}
     * @param version the report's version the row was checked against (after a save: the new one)
     * @param changes what is (or would be) changed: field, from, to, as in the report's history
     */
    public record RowResult(int row, String stn, UUID reportId, String student, String outcome, Integer version,
                            List<Change> changes, List<RowError> errors) {
    }
}
