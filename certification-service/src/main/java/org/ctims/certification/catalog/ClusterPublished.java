package org.ctims.certification.catalog;

/**
 * A career cluster exists in a school year (seeded, or copied into a new year). Type
 * {@code ctims.certification.cluster-published.v1}, key {@code <schoolYear>:cluster:<code>}.
 */
public record ClusterPublished(String schoolYear, String code, String name) {

    public static final String TYPE = "ctims.certification.cluster-published.v1";
}
