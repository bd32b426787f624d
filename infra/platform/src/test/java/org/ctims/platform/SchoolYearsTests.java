package org.ctims.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchoolYearsTests {

    @Test
    void twoConsecutiveYearsWrittenWithAsciiDigitsOnly() {
        assertThat(SchoolYears.isSchoolYear("2018-2019")).isTrue();
        assertThat(SchoolYears.isSchoolYear("1999-2000")).isTrue();
        for (String no : new String[] {null, "", "2018-2020", "2019-2018", "9999-9999", "2018/2019", "2018-19",
                " 2018-2019", "2018-2019\n", "٢٠١٨-٢٠١٩", "2018-2019-2020"}) {
            assertThat(SchoolYears.isSchoolYear(no)).as(String.valueOf(no)).isFalse();
        }
    }
}
