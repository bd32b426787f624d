package org.ctims.certification.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An assessment on the Approved Assessment List of one school year. Retired ones (no longer on
 * the year's list) are kept so that reports that used them stay valid.
 *
 * @param clusters the codes of its career clusters, each one existing in the same year
 */
public record Assessment(SchoolYear year, String number, String name, String vendor, String notes,
                         List<String> clusters, Instant publishedAt, Instant retiredAt) {

    public Assessment {
        clusters = List.copyOf(clusters);
    }

    public boolean retired() {
        return retiredAt != null;
    }

    /** How screens show it: {@code Early Childhood Education (Pre-Pac) - 7503}. */
    public String label() {
        return name + " - " + number;
    }

    /** Whether the list's content (not its timestamps) is the same as {@code other}'s. */
    public boolean sameContentAs(ListedAssessment other) {
        return name.equals(other.name()) && Objects.equals(vendor, other.vendor())
                && Objects.equals(notes, other.notes()) && clusters.equals(other.clusters());
    }
}
