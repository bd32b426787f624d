package org.ctims.report.readmodel;

import static org.ctims.report.readmodel.EventFields.*;

import java.util.ArrayList;
import java.util.List;

import org.ctims.platform.events.RejectedEventException;
import tools.jackson.databind.JsonNode;

/**
 * What this service reads of {@code certification.catalog.v1} (schemas in
 * certification-service/src/main/resources/events/): an assessment or a cluster of a year,
 * published or retired.
 */
sealed interface CatalogEvent {

    String ASSESSMENT_PUBLISHED = "ctims.certification.assessment-published.v1";
    String ASSESSMENT_RETIRED = "ctims.certification.assessment-retired.v1";
    String CLUSTER_PUBLISHED = "ctims.certification.cluster-published.v1";
    String CLUSTER_RETIRED = "ctims.certification.cluster-retired.v1";

    record Assessment(String schoolYear, String number, String name, String vendor, List<String> clusters,
                      boolean retired) implements CatalogEvent {
    }

    record Cluster(String schoolYear, String code, String name, boolean retired) implements CatalogEvent {
    }

    static CatalogEvent parse(String type, byte[] payload) {
        boolean assessment = ASSESSMENT_PUBLISHED.equals(type) || ASSESSMENT_RETIRED.equals(type);
        boolean cluster = CLUSTER_PUBLISHED.equals(type) || CLUSTER_RETIRED.equals(type);
        if (!assessment && !cluster) {
            throw new RejectedEventException("Unknown event type '" + type + "' on the catalog topic");
        }
        JsonNode root = root(payload);
        String year = schoolYearOf(root);
        if (cluster) {
            return new Cluster(year, required(root, "code"), optional(root, "name"), CLUSTER_RETIRED.equals(type));
        }
        JsonNode codes = root.get("clusters");
        if (codes == null || !codes.isArray() || codes.isEmpty()) {
            throw new RejectedEventException("clusters is missing");
        }
        List<String> clusters = new ArrayList<>();
        for (JsonNode code : codes) {
            if (!code.isString() || code.asString().isBlank()) {
                throw new RejectedEventException("clusters holds something that is not a code");
            }
            clusters.add(code.asString());
        }
        return new Assessment(year, required(root, "number"), required(root, "name"), optional(root, "vendor"),
                List.copyOf(clusters), ASSESSMENT_RETIRED.equals(type));
    }
}
