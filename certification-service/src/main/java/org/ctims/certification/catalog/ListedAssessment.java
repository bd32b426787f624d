package org.ctims.certification.catalog;

import java.util.List;

/**
 * One assessment as a new list states it (already validated): what an import publishes.
 *
 * @param row the row of the spreadsheet it came from (1-based, as Excel shows it)
 */
public record ListedAssessment(int row, String number, String name, String vendor, String notes, List<String> clusters) {

    public ListedAssessment {
        clusters = List.copyOf(clusters);
    }
}
