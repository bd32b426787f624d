package org.ctims.certification.imports;

import java.util.List;

import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.ListedAssessment;

/**
 * What an uploaded list says: its valid assessments, the clusters of its cluster sheet (null
 * when it has none: the year's clusters stay as they are) and its invalid rows.
 *
 * @param rowsRead data rows of the assessment sheet read (blank rows not counted)
 * @param errors invalid rows, at most the configured number; {@code errorCount} is the full count
 */
record ParsedList(int rowsRead, List<ListedAssessment> assessments, List<CareerCluster> clusters,
                  List<RowError> errors, int errorCount) {

    boolean valid() {
        return errorCount == 0;
    }

    boolean hasClusterSheet() {
        return clusters != null;
    }
}
