package org.ctims.followup.report;

import java.util.Arrays;
import java.util.Optional;

/** Result of one certification entry; {@link #code()} is stable (API, database, events). */
public enum CertificationResult {
    PASSED("passed", "Test passed"),
    NOT_PASSED("not-passed", "Test not passed"),
    NOT_TAKEN("not-taken", "Test not taken");

    private final String code;
    private final String label;

    CertificationResult(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    public static Optional<CertificationResult> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
