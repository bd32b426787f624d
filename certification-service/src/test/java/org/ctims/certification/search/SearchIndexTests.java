package org.ctims.certification.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.certification.testdata.SeededClusters;
import org.junit.jupiter.api.Test;

class SearchIndexTests {

    private static final SchoolYear YEAR = SchoolYear.of("2019-2020");

    private final SearchIndex index = new SearchIndex(1, List.of(
            assessment("7503", "Early Childhood Education (Pre-Pac)"),
            assessment("7504", "Child Development Associate"),
            assessment("7510", "Education & Training Fundamentals"),
            assessment("1750", "Welding Level 1"),
            assessment("8200", "Pâtisserie et Boulangerie"),
            assessment("8300", "Certified Nursing Assistant"),
            assessment("8301", "Nursing Home Administrator")), SeededClusters.ALL);

    @Test
    void aNumberPrefixFindsItsAssessmentsFirst() {
        assertThat(numbers("75")).containsExactly("7503", "7504", "7510");
        assertThat(numbers("7504")).startsWith("7504");
    }

    @Test
    void wordsMatchAnywhereInTheNameCaseAndAccentInsensitively() {
        assertThat(numbers("educ")).containsExactlyInAnyOrder("7503", "7510");
        assertThat(numbers("CHILDHOOD early")).containsExactly("7503");
        assertThat(numbers("patisserie")).containsExactly("8200");
        assertThat(numbers("BOULANGÉRIE")).containsExactly("8200");
        assertThat(numbers("education training")).containsExactly("7510");
    }

    @Test
    void bestMatchesComeFirst() {
        // a name that starts with the query, whole words, then words that only contain it
        assertThat(numbers("nursing")).containsExactly("8301", "8300");
        assertThat(numbers("nursing home")).containsExactly("8301");
        assertThat(numbers("education")).first().isEqualTo("7510");
    }

    @Test
    void aSmallTypoIsTolerated() {
        assertThat(numbers("eduaction")).contains("7503", "7510");   // swapped letters
        assertThat(numbers("nursng")).contains("8300", "8301");      // a missing letter
        assertThat(numbers("weldng")).containsExactly("1750");
        assertThat(numbers("developmnet associate")).containsExactly("7504");
    }

    @Test
    void aLabelOrWordsWithTheNumberFindTheirAssessment() {
        assertThat(numbers("Early Childhood Education (Pre-Pac) - 7503")).containsExactly("7503");
        assertThat(numbers("child 7504")).containsExactly("7504");
        assertThat(numbers("child 8300")).isEmpty();
    }

    @Test
    void unrelatedQueriesFindNothing() {
        assertThat(numbers("plumbing")).isEmpty();
        assertThat(numbers("9")).isEmpty();
        assertThat(numbers("edu xyzzy")).isEmpty();
    }

    @Test
    void anEmptyQueryListsByNameUpToTheLimit() {
        assertThat(index.search("", 3)).extracting(Assessment::number).containsExactly("8300", "7504", "7503");
        assertThat(index.search("75", 2)).hasSize(2);
    }

    private List<String> numbers(String query) {
        return index.search(query, 20).stream().map(Assessment::number).toList();
    }

    private static Assessment assessment(String number, String name) {
        return new Assessment(YEAR, number, name, "Vendor", null, List.of("ED"), Instant.EPOCH, null);
    }
}
