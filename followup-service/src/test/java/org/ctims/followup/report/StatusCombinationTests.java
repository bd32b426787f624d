package org.ctims.followup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Property-style: every combination of grade, deceased, education, employment and the three
 * dependent job answers (given or not), checked against the rules as DOMAIN.md states them,
 * written here independently of {@link AnswerRules} and {@link Completion}.
 */
class StatusCombinationTests {

    static final Set<String> EMPLOYED = Set.of("employed-full-time-civilian", "employed-part-time-civilian", "employed-full-time-military");
    static final Set<String> CIVILIAN = Set.of("employed-full-time-civilian", "employed-part-time-civilian");

    static boolean civilian(String employment) {
        return employment != null && CIVILIAN.contains(employment);
    }

    static boolean employed(String employment) {
        return employment != null && EMPLOYED.contains(employment);
    }

    static List<String> withNull(Stream<String> codes) {
        List<String> list = new ArrayList<>(codes.toList());
        list.add(null);
        return list;
    }

    @Test
    void everyCombinationFollowsTheRules() {
        List<String> educations = withNull(Arrays.stream(EducationStatus.values()).map(EducationStatus::code));
        List<String> employments = withNull(Arrays.stream(EmploymentStatus.values()).map(EmploymentStatus::code));
        SoftAssertions softly = new SoftAssertions();
        int checked = 0;
        for (int grade : new int[] {11, 12}) {
            for (Boolean deceased : new Boolean[] {null, false, true}) {
                for (String education : educations) {
                    for (String employment : employments) {
                        for (boolean related : new boolean[] {false, true}) {
                            for (boolean title : new boolean[] {false, true}) {
                                for (Boolean took : new Boolean[] {null, false}) {
                                    checked++;
                                    check(softly, grade, deceased, education, employment, related, title, took);
                                }
                            }
                        }
                    }
                }
            }
        }
        softly.assertAll();
        assertThat(checked).isEqualTo(2 * 3 * 7 * 7 * 2 * 2 * 2);
    }

    private static void check(SoftAssertions softly, int grade, Boolean deceased, String education, String employment,
                              boolean related, boolean title, Boolean took) {
        AnswersInput in = new AnswersInput(null, deceased, education, employment, related ? Boolean.TRUE : null,
                related ? Boolean.FALSE : null, title ? "Clerk" : null, null, took, null);
        String label = String.format("grade %d deceased %s education %s employment %s related %s title %s took %s",
                grade, deceased, education, employment, related, title, took);
        boolean senior = grade == 12;
        boolean dead = Boolean.TRUE.equals(deceased);
        boolean anyFollowUpAnswer = education != null || employment != null || related || title;

        boolean expectValid;
        if (!senior) {
            expectValid = !dead && !anyFollowUpAnswer;
        } else if (dead) {
            expectValid = !anyFollowUpAnswer;
        } else {
            expectValid = (!related || civilian(employment)) && (!title || employed(employment));
        }
        AnswerRules.Outcome outcome = AnswerRules.check(grade, in, Catalogs.YEAR, Answers.initial(null));
        softly.assertThat(outcome.valid()).as(label).isEqualTo(expectValid);
        if (!outcome.valid()) {
            softly.assertThat(outcome.answers()).as(label + ": nothing to store").isNull();
            return;
        }
        Answers a = outcome.answers();
        if (dead) {
            softly.assertThat(Arrays.<Object>asList(a.educationStatus(), a.employmentStatus(), a.jobRelated(), a.selfEmployed(), a.jobTitle()))
                    .as(label + ": locked answers are empty").containsOnlyNulls();
        }
        boolean expectFollowUpComplete = senior && took != null && (dead
                || (education != null && employment != null
                    && (!civilian(employment) || related)
                    && (!employed(employment) || title)));
        Completion completion = Completion.of(grade, a);
        softly.assertThat(completion.followUpApplies()).as(label).isEqualTo(senior);
        softly.assertThat(completion.followUpComplete()).as(label).isEqualTo(expectFollowUpComplete);
        softly.assertThat(completion.certificateComplete()).as(label).isEqualTo(took != null);
        softly.assertThat(completion.missing().isEmpty()).as(label + ": nothing missing exactly when complete")
                .isEqualTo(completion.certificateComplete() && (!senior || completion.followUpComplete()));
    }
}
