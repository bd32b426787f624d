package org.ctims.certification.catalog;

import java.time.Instant;

/**
 * A career cluster left a school year's cluster list (e.g. the 2024 framework's 14 replaced the
 * 16). It keeps its name for reports that used it. Type
 * {@code ctims.certification.cluster-retired.v1}, key {@code <schoolYear>:cluster:<code>}.
 */
public record ClusterRetired(String schoolYear, String code, String name, Instant retiredAt) {

    public static final String TYPE = "ctims.certification.cluster-retired.v1";
}
