package org.ctims.certification.catalog;

/**
 * A career cluster of one school year, e.g. {@code ED} "Education & Training".
 */
public record CareerCluster(String code, String name) {

    /** How screens show it: {@code Education & Training - ED}. */
    public String label() {
        return name + " - " + code;
    }
}
