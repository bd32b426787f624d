package org.ctims.followup.report;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ctims.followup.report.AssessmentList.ListedAssessment;

/** A small year's list for the rules: 7503 (one cluster ED), 1001 (AC or BA), 9999 retired (AG). */
final class Catalogs {

    static final AssessmentList YEAR = new AssessmentList() {
        final Map<String, ListedAssessment> assessments = Map.of(
                "7503", new ListedAssessment("7503", "Early Childhood Education (Pre-Pac)", Set.of("ED"), false),
                "1001", new ListedAssessment("1001", "Carpentry", Set.of("AC", "BA"), false),
                "9999", new ListedAssessment("9999", "Old Farming", Set.of("AG"), true));
        final Set<String> clusters = Set.of("ED", "AC", "BA", "AG");

        @Override
        public Optional<ListedAssessment> assessment(String number) {
            return Optional.ofNullable(assessments.get(number));
        }

        @Override
        public boolean hasCluster(String code) {
            return clusters.contains(code);
        }
    };

    private Catalogs() {
    }
}
