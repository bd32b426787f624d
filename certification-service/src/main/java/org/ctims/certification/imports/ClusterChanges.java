package org.ctims.certification.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.CatalogRepository.StoredCluster;

/**
 * What a file's cluster sheet changes in the year's clusters: new or returning ones are
 * {@code added}, renamed ones {@code changed}, current ones missing from the sheet {@code retired}.
 */
record ClusterChanges(List<CareerCluster> added, List<CareerCluster> changed, List<CareerCluster> retired, int unchanged) {

    static final ClusterChanges NONE = new ClusterChanges(List.of(), List.of(), List.of(), 0);

    static ClusterChanges between(List<StoredCluster> existing, List<CareerCluster> listed) {
        Map<String, StoredCluster> byCode = existing.stream()
                .collect(Collectors.toMap(c -> c.cluster().code(), Function.identity()));
        List<CareerCluster> added = new ArrayList<>();
        List<CareerCluster> changed = new ArrayList<>();
        int unchanged = 0;
        for (CareerCluster cluster : listed) {
            StoredCluster current = byCode.get(cluster.code());
            if (current == null || current.retired()) {
                added.add(cluster);
            }
            else if (!current.cluster().name().equals(cluster.name())) {
                changed.add(cluster);
            }
            else {
                unchanged++;
            }
        }
        Set<String> onSheet = listed.stream().map(CareerCluster::code).collect(Collectors.toSet());
        List<CareerCluster> retired = existing.stream()
                .filter(c -> !c.retired() && !onSheet.contains(c.cluster().code()))
                .map(StoredCluster::cluster)
                .toList();
        return new ClusterChanges(List.copyOf(added), List.copyOf(changed), retired, unchanged);
    }

    boolean any() {
        return !added.isEmpty() || !changed.isEmpty() || !retired.isEmpty();
    }
}
