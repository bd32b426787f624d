package org.ctims.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class PersonalDataTests {

    @Test
    void valuesEchoedByReasonsAreMasked() {
        assertThat(PersonalData.redacted("A student's STN must be exactly 10 digits, got '12345'"))
                .isEqualTo("A student's STN must be exactly 10 digits, got '***'");
        assertThat(PersonalData.redacted("birthDate 2099-05-06 is in the future")).isEqualTo("birthDate ****-**-** is in the future");
        assertThat(PersonalData.redacted("key 1234567890 for jamie.rivera@students.example.org"))
                .isEqualTo("key ******7890 for ***@***");
        assertThat(PersonalData.redacted("value \"Jamie\" too long")).isEqualTo("value \"***\" too long");
        assertThat(PersonalData.redacted("school 10001, 3 records in 120 ms")).isEqualTo("school 10001, 3 records in 120 ms");
        assertThat(PersonalData.redacted((String) null)).isNull();
    }

    @Test
    void stnsKeepTheirLastFourDigits() {
        assertThat(PersonalData.maskedStn("1234567890")).isEqualTo("******7890");
        assertThat(PersonalData.maskedStn("123")).isEqualTo("****");
    }

    @Test
    void anExceptionIsCopiedWithEveryMessageRedacted() {
        IllegalStateException original = new IllegalStateException("could not save 1234567890",
                new IllegalArgumentException("e-mail 'jamie@example.org' rejected"));
        Throwable redacted = PersonalData.redacted(original);

        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains("java.lang.IllegalStateException: could not save ******7890",
                        "Caused by: java.lang.IllegalArgumentException: e-mail '***' rejected",
                        "PersonalDataTests.anExceptionIsCopiedWithEveryMessageRedacted")
                .doesNotContain("1234567890", "jamie");
    }
}
