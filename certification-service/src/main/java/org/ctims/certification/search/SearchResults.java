package org.ctims.certification.search;

import java.util.List;

/** The answer to a search: best matches first. */
public record SearchResults(String schoolYear, String query, List<AssessmentView> results) {
}
