package org.ctims.certification.search;

import org.ctims.certification.catalog.CareerCluster;

/** A career cluster as the API shows it; {@code label} is {@code Name - CODE}. */
public record ClusterView(String code, String name, String label) {

    static ClusterView of(CareerCluster cluster) {
        return new ClusterView(cluster.code(), cluster.name(), cluster.label());
    }
}
