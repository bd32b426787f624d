package org.ctims.report.accountability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.TreeMap;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ctims.platform.logging.PersonalData;

/**
 * The accountability figures of one cohort (one school, or a teacher's, division's or the
 * state's students, of one enrollment year).
 *
 * @param cohortSize students in grade 12 that year (others are ignored, not counted)
 * @param outcomes   how many students got each outcome; every outcome is present
 * @param credentialsByCluster 5S1 per career cluster of the passed entries: the same eligible
 *                   students, attained = those with a pass on the list recorded under that
 *                   cluster (a student with passes in two clusters counts in both)
 */
public record Accountability(long cohortSize, Map<Outcome, Long> outcomes, Placement3S1 placement,
                             CredentialAttainment5S1 credentials, Map<String, CredentialAttainment5S1> credentialsByCluster) {

    public Accountability {
        outcomes = Map.copyOf(outcomes);
        credentialsByCluster = Collections.unmodifiableSortedMap(new TreeMap<>(credentialsByCluster));
    }

    /**
     * @param students        reports of one enrollment year; students not in grade 12 are skipped
     * @param approvedList    assessment numbers on that year's Approved Assessment List: a pass on
     *                        anything else does not count for 5S1
     * @throws IllegalArgumentException when a grade-12 student appears twice: each student has
     *                                  exactly one outcome, so a double would count twice
     */
    public static Accountability of(Collection<CohortStudent> students, Set<String> approvedList) {
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        Set<String> seen = new HashSet<>();
        List<String> review = new ArrayList<>();
        long attained = 0;
        Map<String, Long> attainedByCluster = new TreeMap<>();
        for (CohortStudent student : students) {
            if (!student.inCohort()) {
                continue;
            }
            if (!seen.add(student.stn())) {
                throw new IllegalArgumentException("student " + PersonalData.maskedStn(student.stn()) + " twice in one cohort");
            }
            Outcome outcome = Outcome.of(student);
            outcomes.merge(outcome, 1L, Long::sum);
            if (outcome == Outcome.STILL_SECONDARY) {
                review.add(student.stn());
            }
            if (outcome != Outcome.DECEASED) {
                List<Pass> counted = student.passes().stream()
                        .filter(pass -> approvedList.contains(pass.assessmentNumber())).toList();
                if (!counted.isEmpty()) {
                    attained++;
                }
                counted.stream().map(Pass::clusterCode).filter(code -> code != null).distinct()
                        .forEach(code -> attainedByCluster.merge(code, 1L, Long::sum));
            }
        }
        review.sort(null);
        long deceased = outcomes.get(Outcome.DECEASED);
        Placement3S1 placement = new Placement3S1(outcomes.get(Outcome.PLACED), outcomes.get(Outcome.NOT_PLACED),
                outcomes.get(Outcome.NON_RESPONDENT), deceased, outcomes.get(Outcome.STILL_SECONDARY), review);
        long eligible = seen.size() - deceased;
        CredentialAttainment5S1 credentials = new CredentialAttainment5S1(attained, eligible, deceased);
        Map<String, CredentialAttainment5S1> byCluster = new TreeMap<>();
        attainedByCluster.forEach((code, n) -> byCluster.put(code, new CredentialAttainment5S1(n, eligible, deceased)));
        return new Accountability(seen.size(), outcomes, placement, credentials, byCluster);
    }

    /**
     * The figures of several disjoint cohorts (e.g. the schools of the state) as one: counts add,
     * so the rates stay exact. A student in the cohorts of two schools counts in both, as in each
     * school's own figures.
     */
    public static Accountability sum(Collection<Accountability> parts) {
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, 0L);
        }
        long size = 0;
        long attained = 0;
        long eligible = 0;
        List<String> review = new ArrayList<>();
        Map<String, Long> attainedByCluster = new TreeMap<>();
        for (Accountability part : parts) {
            part.credentialsByCluster().forEach((code, c) -> attainedByCluster.merge(code, c.attained(), Long::sum));
            size += part.cohortSize();
            part.outcomes().forEach((outcome, n) -> outcomes.merge(outcome, n, Long::sum));
            attained += part.credentials().attained();
            eligible += part.credentials().eligible();
            review.addAll(part.placement().stillSecondaryForReview());
        }
        review.sort(null);
        long deceased = outcomes.get(Outcome.DECEASED);
        long allEligible = eligible;
        Map<String, CredentialAttainment5S1> byCluster = new TreeMap<>();
        attainedByCluster.forEach((code, n) -> byCluster.put(code, new CredentialAttainment5S1(n, allEligible, deceased)));
        return new Accountability(size, outcomes,
                new Placement3S1(outcomes.get(Outcome.PLACED), outcomes.get(Outcome.NOT_PLACED),
                        outcomes.get(Outcome.NON_RESPONDENT), deceased, outcomes.get(Outcome.STILL_SECONDARY), review),
                new CredentialAttainment5S1(attained, eligible, deceased), byCluster);
    }
}
