package org.ctims.certification.imports;

import java.util.List;

import org.ctims.certification.catalog.ListedAssessment;

/**
 * What an uploaded list says: its valid assessments and its invalid rows.
 *
 * @param rowsRead data rows read (blank rows not counted)
 * @param errors invalid rows, at most the configured number; {@code errorCount} is the full count
 */
record ParsedList(int rowsRead, List<ListedAssessment> assessments, List<RowError> errors, int errorCount) {

    boolean valid() {
        return errorCount == 0;
    }
}
