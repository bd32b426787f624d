package org.ctims.certification.imports;

import java.util.List;

import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.ListedAssessment;

/**
 * The answer to a preview or a commit: what the list changes (or changed) and its invalid rows.
 * A preview of an invalid list still shows the changes its valid rows would make.
 *
 * @param importId the recorded import, null for a preview
 * @param valid whether the list can be committed
 * @param errors invalid rows (at most the configured number); {@code errorCount} counts all of them
 */
public record ImportResult(Long importId, String schoolYear, String fileName, boolean committed, boolean valid,
                           int rowsRead, Counts counts, List<Change> added, List<Change> changed, List<Change> retired,
                           Clusters clusters, List<RowError> errors, int errorCount) {

    /**
     * What the file's cluster sheet changes in the year's clusters; null when the file has no
     * cluster sheet (the year's clusters stay as they are).
     */
    public record Clusters(List<String> added, List<String> changed, List<String> retired, int unchanged) {

        static Clusters of(ClusterChanges changes) {
            return new Clusters(codes(changes.added()), codes(changes.changed()), codes(changes.retired()),
                    changes.unchanged());
        }

        private static List<String> codes(List<CareerCluster> clusters) {
            return clusters.stream().map(CareerCluster::code).toList();
        }
    }

    /** How many assessments each kind of change concerns. */
    public record Counts(int added, int changed, int retired, int unchanged) {
    }

    /** One assessment that changes. {@code row} is its row in the file (0 for a retired one). */
    public record Change(String number, String name, int row) {

        static Change of(ListedAssessment a) {
            return new Change(a.number(), a.name(), a.row());
        }

        static Change of(Assessment a) {
            return new Change(a.number(), a.name(), 0);
        }
    }

    static ImportResult of(Long importId, String schoolYear, String fileName, boolean committed, ParsedList list,
                           CatalogChanges changes, ClusterChanges clusterChanges) {
        return new ImportResult(importId, schoolYear, fileName, committed, list.valid(), list.rowsRead(),
                new Counts(changes.added().size(), changes.changed().size(), changes.retired().size(), changes.unchanged()),
                changes.added().stream().map(Change::of).toList(),
                changes.changed().stream().map(Change::of).toList(),
                changes.retired().stream().map(Change::of).toList(),
                list.hasClusterSheet() ? Clusters.of(clusterChanges) : null,
                list.errors(), list.errorCount());
    }
}
