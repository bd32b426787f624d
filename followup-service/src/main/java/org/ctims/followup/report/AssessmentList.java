package org.ctims.followup.report;

import java.util.Optional;
import java.util.Set;

/**
 * The Approved Assessment List and career clusters of one school year, as the local replica of
 * the catalog holds them: saving a report never asks another service.
 */
public interface AssessmentList {

    Optional<ListedAssessment> assessment(String number);

    /** Whether the cluster is on the year's (current, not retired) cluster list. */
    boolean hasCluster(String code);

    /**
     * @param clusters codes of the assessment's career clusters
     * @param retired the assessment left the year's list (still valid where it was already used)
     */
    record ListedAssessment(String number, String name, Set<String> clusters, boolean retired) {
        public ListedAssessment {
            clusters = Set.copyOf(clusters);
        }
    }
}
