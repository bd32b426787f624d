package org.ctims.report.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RateTests {

    private static BigDecimal percent(long numerator, long denominator) {
        return new Rate(numerator, denominator).percent().orElseThrow();
    }

    @Test
    void displayRoundsHalfUpToOneDecimal() {
        assertThat(percent(1, 3)).isEqualByComparingTo("33.3");
        assertThat(percent(2, 3)).isEqualByComparingTo("66.7");
        assertThat(percent(1, 16)).isEqualByComparingTo("6.3"); // 6.25 exactly
        assertThat(percent(1, 8)).isEqualByComparingTo("12.5");
        assertThat(percent(5, 5)).isEqualByComparingTo("100.0");
        assertThat(percent(0, 7)).isEqualByComparingTo("0.0");
        assertThat(percent(60, 84).scale()).isEqualTo(1);
    }

    @Test
    void roundingIsExactWhereBinaryFloatingPointIsNot() {
        // 1445/10000 is 14.45 % exactly, so half-up gives 14.5; the fraction as a double is
        // 0.14449999…, which would round a percentage taken from it down to 14.4
        assertThat(percent(1445, 10000)).isEqualByComparingTo("14.5");
        // statewide sizes: 50.00005 % and 99.9999 %
        assertThat(percent(1_000_001, 2_000_000)).isEqualByComparingTo("50.0");
        assertThat(percent(999_999, 1_000_000)).isEqualByComparingTo("100.0");
    }

    @Test
    void anEmptyDenominatorHasNoRate() {
        assertThat(new Rate(0, 0).percent()).isEmpty();
    }

    @Test
    void impossibleRatesAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate(3, 2));
        assertThatIllegalArgumentException().isThrownBy(() -> new Rate(-1, 2));
    }
}
