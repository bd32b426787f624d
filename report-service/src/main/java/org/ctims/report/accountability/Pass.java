package org.ctims.report.accountability;

/**
 * A certification entry with the result "test passed": the assessment and the career cluster the
 * entry was recorded under (null while the entry has none; such a pass counts for 5S1 but for no
 * cluster).
 */
public record Pass(String assessmentNumber, String clusterCode) {
}
