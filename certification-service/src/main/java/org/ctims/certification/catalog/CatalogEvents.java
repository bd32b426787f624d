package org.ctims.certification.catalog;

import java.time.Instant;

import org.ctims.platform.events.Outbox;
import org.springframework.stereotype.Component;

/**
 * Publishes every catalog change through the outbox to the catalog topic, in the caller's
 * transaction. Keys: {@code <year>:<number>} for assessments, {@code <year>:cluster:<code>} for
 * clusters, so the compacted topic keeps the latest state of each.
 */
@Component
public class CatalogEvents {

    private final Outbox outbox;
    private final String topic;

    CatalogEvents(Outbox outbox, CatalogProperties properties) {
        this.outbox = outbox;
        this.topic = properties.catalogTopic();
    }

    public void published(SchoolYear year, ListedAssessment assessment) {
        outbox.publish(topic, assessmentKey(year, assessment.number()), AssessmentPublished.TYPE,
                new AssessmentPublished(year.value(), assessment.number(), assessment.name(), assessment.vendor(),
                        assessment.notes(), assessment.clusters()));
    }

    public void retired(Assessment assessment, Instant at) {
        outbox.publish(topic, assessmentKey(assessment.year(), assessment.number()), AssessmentRetired.TYPE,
                new AssessmentRetired(assessment.year().value(), assessment.number(), assessment.name(),
                        assessment.vendor(), assessment.notes(), assessment.clusters(), at));
    }

    public void clusterPublished(SchoolYear year, CareerCluster cluster) {
        outbox.publish(topic, clusterKey(year, cluster.code()), ClusterPublished.TYPE,
                new ClusterPublished(year.value(), cluster.code(), cluster.name()));
    }

    public void clusterRetired(SchoolYear year, CareerCluster cluster, Instant at) {
        outbox.publish(topic, clusterKey(year, cluster.code()), ClusterRetired.TYPE,
                new ClusterRetired(year.value(), cluster.code(), cluster.name(), at));
    }

    public static String clusterKey(SchoolYear year, String code) {
        return year.value() + ":cluster:" + code;
    }

    public static String assessmentKey(SchoolYear year, String number) {
        return year.value() + ":" + number;
    }
}
