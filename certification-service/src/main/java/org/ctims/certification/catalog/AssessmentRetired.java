package org.ctims.certification.catalog;

import java.time.Instant;
import java.util.List;

/**
 * An assessment left a school year's list: it is retired, never deleted. It carries the
 * assessment's last content, because on the compacted topic this event is all that remains of it
 * and reports that used it must still be able to show it. Type
 * {@code ctims.certification.assessment-retired.v1}, key {@code <schoolYear>:<number>}.
 */
public record AssessmentRetired(String schoolYear, String number, String name, String vendor, String notes,
                                List<String> clusters, Instant retiredAt) {

    public static final String TYPE = "ctims.certification.assessment-retired.v1";
}
