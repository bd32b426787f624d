package org.ctims.certification.catalog;

import java.util.List;

/**
 * An assessment is on a school year's Approved Assessment List, new or with new content (also
 * when a retired one comes back). Type {@code ctims.certification.assessment-published.v1}, key
 * {@code <schoolYear>:<number>}; schema {@code events/assessment-published.v1.schema.json}.
 *
 * @param clusters its career cluster codes (each published as a cluster of the same year)
 */
public record AssessmentPublished(String schoolYear, String number, String name, String vendor, String notes,
                                  List<String> clusters) {

    public static final String TYPE = "ctims.certification.assessment-published.v1";
}
