package org.ctims.bench.harness;

import java.util.List;

/**
 * One line of the performance table: a workload's figure next to its baseline measured in the same
 * run, their ratio (figure ÷ baseline for times, baseline ÷ figure is never used: the column always
 * says which), the target and whether it was met, plus the details behind the figures.
 *
 * @param ratio how the ratio reads, e.g. "1.8× the trivial endpoint's p95"
 */
public record Result(String workload, String figure, String baseline, String ratio, String target, String verdict,
        List<String> details) {

    public static String verdict(boolean met, String missedBy) {
        return met ? "met" : "missed: " + missedBy;
    }
}
