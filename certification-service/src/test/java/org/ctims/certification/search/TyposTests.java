package org.ctims.certification.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TyposTests {

    @Test
    void countsEditsWithSwapsAsOne() {
        assertThat(Typos.distance("nursing", "nursing", 2)).isZero();
        assertThat(Typos.distance("nursng", "nursing", 2)).isEqualTo(1);
        assertThat(Typos.distance("nrusing", "nursing", 2)).isEqualTo(1);
        assertThat(Typos.distance("nursinx", "nursing", 2)).isEqualTo(1);
        assertThat(Typos.distance("nxrsinx", "nursing", 2)).isEqualTo(2);
    }

    @Test
    void stopsPastTheLimit() {
        assertThat(Typos.distance("abcdef", "uvwxyz", 1)).isEqualTo(2);
        assertThat(Typos.distance("a", "abcdef", 2)).isEqualTo(3);
    }
}
