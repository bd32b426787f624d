package org.ctims.report.accountability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A rate kept as two whole numbers so that nothing is lost before display; sums over schools,
 * teachers or the state add numerators and denominators, never percentages.
 */
public record Rate(long numerator, long denominator) {

    public Rate {
        if (numerator < 0 || denominator < 0 || numerator > denominator) {
            throw new IllegalArgumentException("not a rate: " + numerator + "/" + denominator);
        }
    }

    /**
     * The percentage rounded half-up to one decimal, for display only; empty when the
     * denominator is zero (no rate, rather than a misleading 0%).
     */
    public Optional<BigDecimal> percent() {
        if (denominator == 0) {
            return Optional.empty();
        }
        // Computed from the integers in one division, so the only rounding is the display's.
        return Optional.of(BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP));
    }
}
