package org.ctims.report.accountability;

/**
 * 5S1 credential attainment of one cohort: students (not deceased) with at least one test
 * passed on an assessment of that year's approved list ÷ students (not deceased). Still
 * secondary students stay in: DOMAIN.md excludes only the deceased from 5S1.
 */
public record CredentialAttainment5S1(long attained, long eligible, long excludedDeceased) {

    public Rate rate() {
        return new Rate(attained, eligible);
    }
}
