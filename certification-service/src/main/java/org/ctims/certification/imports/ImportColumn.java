package org.ctims.certification.imports;

import java.util.Set;

import org.ctims.certification.catalog.Text;

/**
 * The columns an Approved Assessment List has, recognised by their header text (folded: case,
 * accents, punctuation and surrounding spaces do not matter; {@code #} reads as "number").
 */
enum ImportColumn {

    NUMBER("Assessment Number", true),
    NAME("Assessment Name", true),
    VENDOR("Vendor", false),
    CLUSTERS("Career Cluster", true),
    NOTES("Notes", false);

    private static final Set<String> NUMBER_HEADERS = Set.of("assessment number", "assessment no", "assessment num",
            "assessment id", "assessment code", "number", "no", "test number", "exam number", "assessment nbr");
    private static final Set<String> NAME_HEADERS = Set.of("assessment name", "assessment", "name", "test name",
            "exam name", "assessment title", "title", "approved assessment");

    private final String displayName;
    private final boolean required;

    ImportColumn(String displayName, boolean required) {
        this.displayName = displayName;
        this.required = required;
    }

    String displayName() {
        return displayName;
    }

    boolean required() {
        return required;
    }

    /** The column a header names, or null for a column the import does not use. */
    static ImportColumn of(String header) {
        String folded = Text.fold(header == null ? "" : header.replace("#", " number "));
        if (folded.isEmpty()) {
            return null;
        }
        if (folded.contains("cluster")) {
            return CLUSTERS;
        }
        if (NUMBER_HEADERS.contains(folded)) {
            return NUMBER;
        }
        if (NAME_HEADERS.contains(folded)) {
            return NAME;
        }
        if (folded.contains("vendor") || folded.contains("credential") || folded.equals("provider")
                || folded.equals("publisher")) {
            return VENDOR;
        }
        if (folded.startsWith("note") || folded.contains("comment")) {
            return NOTES;
        }
        return null;
    }
}
