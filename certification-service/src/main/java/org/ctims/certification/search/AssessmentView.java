package org.ctims.certification.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.CareerCluster;

/**
 * An assessment as the API shows it.
 *
 * @param label {@code Name - Number}, as screens show it
 * @param clusters its career clusters; when there is exactly one, a client fills it in for the user
 * @param retiredAt when it left the year's list, null while it is on it
 */
public record AssessmentView(String schoolYear, String number, String name, String label, String vendor, String notes,
                             List<ClusterView> clusters, boolean retired, Instant retiredAt) {

    static AssessmentView of(Assessment a, Map<String, CareerCluster> clusters) {
        List<ClusterView> views = a.clusters().stream()
                .map(code -> ClusterView.of(clusters.getOrDefault(code, new CareerCluster(code, code))))
                .toList();
        return new AssessmentView(a.year().value(), a.number(), a.name(), a.label(), a.vendor(), a.notes(), views,
                a.retired(), a.retiredAt());
    }
}
