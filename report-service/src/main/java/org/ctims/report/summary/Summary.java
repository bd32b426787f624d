package org.ctims.report.summary;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A teacher's (or school's) summary of one year: completion counts, status breakdowns among the
 * students the follow-up applies to, certification results per assessment and per cluster, and
 * the students whose follow-up is still incomplete.
 *
 * @param deceased         follow-up students whose report says deceased
 * @param educationStatus  count per code among follow-up students; "unanswered" for none yet,
 *                         "deceased" for deceased students (whose statuses are locked)
 * @param byAssessment     per assessment number: entries taken (passed or not passed), passed, not passed,
 *                         and the assessment's name on the year's list (null when it is not there)
 * @param byCluster        the same per career cluster code, with the cluster's name
 * @param incomplete       follow-up students whose follow-up is not complete, by name then STN
 */
public record Summary(long students, long followUpApplicable, long followUpComplete, long followUpIncomplete,
                      long certificateComplete, long deceased, Map<String, Long> educationStatus, Map<String, Long> employmentStatus,
                      Map<String, Results> byAssessment, Map<String, Results> byCluster, List<Student> incomplete) {

    static final String UNANSWERED = "unanswered";
    static final String DECEASED = "deceased";

    public record Results(long taken, long passed, long notPassed, String name) {

        public Results(long taken, long passed, long notPassed) {
            this(taken, passed, notPassed, null);
        }

        Results plus(String result) {
            return switch (result) {
                case "passed" -> new Results(taken + 1, passed + 1, notPassed, name);
                case "not-passed" -> new Results(taken + 1, passed, notPassed + 1, name);
                default -> this; // "not taken" and unanswered results are not a test taken
            };
        }

        Results named(String name) {
            return new Results(taken, passed, notPassed, name);
        }
    }

    /** The same summary with the assessments' and clusters' names from {@code year}'s list. */
    public Summary named(Map<String, String> assessmentNames, Map<String, String> clusterNames) {
        return new Summary(students, followUpApplicable, followUpComplete, followUpIncomplete, certificateComplete, deceased,
                educationStatus, employmentStatus, withNames(byAssessment, assessmentNames), withNames(byCluster, clusterNames),
                incomplete);
    }

    private static Map<String, Results> withNames(Map<String, Results> results, Map<String, String> names) {
        Map<String, Results> named = new TreeMap<>();
        results.forEach((key, r) -> named.put(key, r.named(names.get(key))));
        return sorted(named);
    }

    public record Student(String stn, String name) {
    }

    /** Read-only and in key order, so that the JSON lists codes and numbers in a stable order. */
    private static <V> Map<String, V> sorted(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static String breakdownKey(SummaryStudent s, String status) {
        if (s.deceased()) {
            return DECEASED;
        }
        return status == null ? UNANSWERED : status;
    }

    public static Summary of(Collection<SummaryStudent> students) {
        long applicable = 0;
        long complete = 0;
        long certificates = 0;
        long deceased = 0;
        Map<String, Long> education = new TreeMap<>();
        Map<String, Long> employment = new TreeMap<>();
        Map<String, Results> byAssessment = new TreeMap<>();
        Map<String, Results> byCluster = new TreeMap<>();
        List<SummaryStudent> incomplete = new ArrayList<>();
        for (SummaryStudent s : students) {
            if (s.certificateComplete()) {
                certificates++;
            }
            if (s.followUpApplies()) {
                applicable++;
                if (s.followUpComplete()) {
                    complete++;
                } else {
                    incomplete.add(s);
                }
                if (s.deceased()) {
                    deceased++;
                }
                education.merge(breakdownKey(s, s.educationStatus()), 1L, Long::sum);
                employment.merge(breakdownKey(s, s.employmentStatus()), 1L, Long::sum);
            }
            for (SummaryStudent.Entry e : s.certifications()) {
                if (e.result() == null) {
                    continue;
                }
                if (e.assessmentNumber() != null) {
                    byAssessment.compute(e.assessmentNumber(), (k, r) -> (r == null ? new Results(0, 0, 0) : r).plus(e.result()));
                }
                if (e.clusterCode() != null) {
                    byCluster.compute(e.clusterCode(), (k, r) -> (r == null ? new Results(0, 0, 0) : r).plus(e.result()));
                }
            }
        }
        incomplete.sort(java.util.Comparator.comparing((SummaryStudent s) -> s.name() == null ? "" : s.name())
                .thenComparing(SummaryStudent::stn));
        return new Summary(students.size(), applicable, complete, applicable - complete, certificates, deceased,
                sorted(education), sorted(employment), sorted(byAssessment), sorted(byCluster),
                incomplete.stream().map(s -> new Student(s.stn(), s.name())).toList());
    }
}
