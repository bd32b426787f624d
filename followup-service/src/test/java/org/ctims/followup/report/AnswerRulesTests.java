package org.ctims.followup.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.ctims.followup.report.AnswersInput.EntryInput;
import org.ctims.platform.web.FieldViolation;
import org.junit.jupiter.api.Test;

class AnswerRulesTests {

    static final Answers NOTHING = Answers.initial(null);

    static AnswersInput employedSenior() {
        return new AnswersInput("jamie@example.org", false, "not-attending", "employed-full-time-civilian",
                true, false, "Assistant teacher", "Helps in class", true,
                List.of(new EntryInput("7503", "ED", "passed")));
    }

    static AnswerRules.Outcome check(Integer grade, AnswersInput in) {
        return AnswerRules.check(grade, in, Catalogs.YEAR, NOTHING);
    }

    static List<String> fields(AnswerRules.Outcome outcome) {
        return outcome.violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void aFullyAnsweredSeniorIsValidAndComplete() {
        AnswerRules.Outcome outcome = check(12, employedSenior());
        assertThat(outcome.valid()).isTrue();
        Completion completion = Completion.of(12, outcome.answers());
        assertThat(completion.followUpComplete()).isTrue();
        assertThat(completion.certificateComplete()).isTrue();
        assertThat(completion.missing()).isEmpty();
    }

    @Test
    void anEmptySaveIsAllowedAndListsWhatIsMissing() {
        AnswerRules.Outcome outcome = check(12, new AnswersInput(null, null, null, null, null, null, null, null, null, null));
        assertThat(outcome.valid()).isTrue();
        assertThat(outcome.answers().deceased()).as("deceased defaults to no").isFalse();
        Completion completion = Completion.of(12, outcome.answers());
        assertThat(completion.followUpComplete()).isFalse();
        assertThat(completion.certificateComplete()).isFalse();
        assertThat(completion.missing()).containsExactly("educationStatus", "employmentStatus", "tookCertificationTest");
    }

    @Test
    void unknownCodesAreFieldErrors() {
        AnswerRules.Outcome outcome = check(12, new AnswersInput(null, false, "college", "astronaut", null, null, null, null,
                true, List.of(new EntryInput("7503", "ED", "maybe"))));
        assertThat(fields(outcome)).containsExactly("educationStatus", "employmentStatus", "certifications[0].result");
        assertThat(outcome.answers()).isNull();
    }

    @Test
    void deceasedLocksEveryFollowUpAnswerButTheCertificationQuestion() {
        AnswersInput in = new AnswersInput(null, true, "unknown", "unknown", true, true, "x", "y", true,
                List.of(new EntryInput("7503", null, "not-taken")));
        assertThat(fields(check(12, in))).containsExactly("educationStatus", "employmentStatus", "jobRelated",
                "selfEmployed", "jobTitle", "jobDuties");
        assertThat(check(12, in).violations()).allMatch(v -> v.message().contains("deceased"));

        AnswerRules.Outcome deceased = check(12, new AnswersInput("a@b.org", true, null, null, null, null, null, null, true,
                List.of(new EntryInput("7503", null, "not-taken"))));
        assertThat(deceased.valid()).isTrue();
        Completion completion = Completion.of(12, deceased.answers());
        assertThat(completion.followUpComplete()).isTrue();
        assertThat(completion.certificateComplete()).isTrue();
    }

    @Test
    void deceasedStillNeedsTheCertificationQuestion() {
        AnswerRules.Outcome outcome = check(12, new AnswersInput(null, true, null, null, null, null, null, null, null, null));
        assertThat(Completion.of(12, outcome.answers()).missing()).containsExactly("tookCertificationTest");
        assertThat(Completion.of(12, outcome.answers()).followUpComplete()).isFalse();
    }

    @Test
    void jobQuestionsApplyOnlyWhenEmployed() {
        AnswersInput military = new AnswersInput(null, false, "unknown", "employed-full-time-military", true, false,
                "Private", null, false, null);
        assertThat(fields(check(12, military))).containsExactly("jobRelated", "selfEmployed");

        AnswersInput unemployed = new AnswersInput(null, false, "unknown", "unemployed-seeking", null, null,
                "Clerk", "Filing", false, null);
        assertThat(fields(check(12, unemployed))).containsExactly("jobTitle", "jobDuties");

        AnswerRules.Outcome militaryOk = check(12, new AnswersInput(null, false, "unknown", "employed-full-time-military",
                null, null, null, null, false, null));
        assertThat(Completion.of(12, militaryOk.answers()).missing()).containsExactly("jobTitle");
    }

    @Test
    void aCivilianJobNeedsRelatedSelfEmployedAndTitleButNotDuties() {
        AnswerRules.Outcome outcome = check(12, new AnswersInput(null, false, "not-attending", "employed-part-time-civilian",
                null, null, null, null, false, null));
        assertThat(Completion.of(12, outcome.answers()).missing()).containsExactly("jobRelated", "selfEmployed", "jobTitle");
    }

    @Test
    void textsAreLimited() {
        AnswersInput in = new AnswersInput(null, false, "unknown", "employed-full-time-civilian", true, true,
                "t".repeat(201), "d".repeat(2001), false, null);
        assertThat(fields(check(12, in))).containsExactly("jobTitle", "jobDuties");
        AnswersInput atLimit = new AnswersInput(null, false, "unknown", "employed-full-time-civilian", true, true,
                "t".repeat(200), "d".repeat(2000), false, null);
        assertThat(check(12, atLimit).valid()).isTrue();
    }

    @Test
    void malformedEmailIsRefusedAndBlankMeansNone() {
        for (String bad : List.of("jamie", "jamie@", "@example.org", "ja mie@example.org", "jamie@example")) {
            AnswersInput in = new AnswersInput(bad, null, null, null, null, null, null, null, null, null);
            assertThat(fields(check(12, in))).as(bad).containsExactly("email");
        }
        AnswersInput blank = new AnswersInput("  ", null, null, null, null, null, null, null, null, null);
        assertThat(check(12, blank).answers().email()).isNull();
    }

    @Test
    void followUpQuestionsDoNotApplyBelowGrade12ButTheCertificateDoes() {
        AnswersInput in = new AnswersInput("a@b.org", true, "unknown", null, null, null, null, null, true, null);
        assertThat(fields(check(11, in))).containsExactly("deceased", "educationStatus");

        AnswerRules.Outcome junior = check(10, new AnswersInput("a@b.org", null, null, null, null, null, null, null, true,
                List.of(new EntryInput("1001", "BA", "not-passed"))));
        assertThat(junior.valid()).isTrue();
        Completion completion = Completion.of(10, junior.answers());
        assertThat(completion.followUpApplies()).isFalse();
        assertThat(completion.followUpComplete()).isFalse();
        assertThat(completion.certificateComplete()).isTrue();
        assertThat(completion.missing()).isEmpty();
    }

    @Test
    void certificationsOnlyWhenTheAnswerIsYesAndAtLeastOneThen() {
        AnswersInput no = new AnswersInput(null, null, null, null, null, null, null, null, false,
                List.of(new EntryInput("7503", "ED", "passed")));
        assertThat(fields(check(9, no))).containsExactly("certifications");

        AnswerRules.Outcome yesNone = check(9, new AnswersInput(null, null, null, null, null, null, null, null, true, null));
        assertThat(Completion.of(9, yesNone.answers()).missing()).containsExactly("certifications");
        assertThat(Completion.of(9, yesNone.answers()).certificateComplete()).isFalse();
    }

    @Test
    void assessmentsAndClustersMustBeOnTheYearsList() {
        AnswersInput in = new AnswersInput(null, null, null, null, null, null, null, null, true, List.of(
                new EntryInput("4242", null, "passed"),
                new EntryInput("1001", "ED", "passed"),
                new EntryInput("1001", "AC", "passed"),
                new EntryInput("9999", "AG", "passed"),
                new EntryInput(null, "ZZ", null)));
        assertThat(check(12, in).violations()).extracting(FieldViolation::field).containsExactly(
                "certifications[0].assessmentNumber",
                "certifications[1].clusterCode",
                "certifications[2].assessmentNumber",
                "certifications[3].assessmentNumber",
                "certifications[4].clusterCode");
    }

    @Test
    void aRetiredAssessmentStaysValidWhereItWasAlreadyUsed() {
        Answers stored = new Answers(null, false, null, null, null, null, null, null, true,
                List.of(new CertificationEntry("9999", "AG", CertificationResult.PASSED)));
        AnswersInput in = new AnswersInput(null, null, null, null, null, null, null, null, true,
                List.of(new EntryInput("9999", "AG", "not-passed")));
        assertThat(AnswerRules.check(12, in, Catalogs.YEAR, stored).valid()).isTrue();
    }

    @Test
    void theOnlyClusterOfAnAssessmentIsFilledIn() {
        AnswerRules.Outcome outcome = check(11, new AnswersInput(null, null, null, null, null, null, null, null, true,
                List.of(new EntryInput("7503", null, null), new EntryInput("1001", null, "passed"))));
        assertThat(outcome.answers().certifications()).containsExactly(
                new CertificationEntry("7503", "ED", null), new CertificationEntry("1001", null, CertificationResult.PASSED));
        assertThat(Completion.of(11, outcome.answers()).missing())
                .containsExactly("certifications[0].result", "certifications[1].clusterCode");
    }

    @Test
    void historyNamesEachChangedFieldWithItsOldAndNewValue() {
        Answers before = check(12, employedSenior()).answers();
        Answers after = check(12, new AnswersInput("jamie@example.org", false, "not-attending", "unemployed-seeking",
                null, null, null, null, true, List.of(new EntryInput("7503", "ED", "not-passed"),
                new EntryInput("1001", "AC", "passed")))).answers();
        assertThat(Change.between(before, after)).containsExactly(
                new Change("employmentStatus", "employed-full-time-civilian", "unemployed-seeking"),
                new Change("jobRelated", "yes", null),
                new Change("selfEmployed", "no", null),
                new Change("jobTitle", "Assistant teacher", null),
                new Change("jobDuties", "Helps in class", null),
                new Change("certifications[7503]", "ED passed", "ED not-passed"),
                new Change("certifications[1001]", null, "AC passed"));
        assertThat(Change.between(after, after)).isEmpty();
    }
}
