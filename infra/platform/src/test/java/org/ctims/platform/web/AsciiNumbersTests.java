package org.ctims.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.TypeMismatchException;
import org.springframework.format.support.DefaultFormattingConversionService;
import org.springframework.web.bind.WebDataBinder;

class AsciiNumbersTests {

    private final WebDataBinder binder = new WebDataBinder(null);

    AsciiNumbersTests() {
        // as in a service: the conversion service is asked first, the editors when it refuses
        binder.setConversionService(new DefaultFormattingConversionService());
        new AsciiNumbers().register(binder);
    }

    @Test
    void decimalNumbersOfTheDigitsZeroToNineAreRead() {
        assertThat(binder.convertIfNecessary("12", int.class)).isEqualTo(12);
        assertThat(binder.convertIfNecessary(" -3 ", Integer.class)).isEqualTo(-3);
        assertThat(binder.convertIfNecessary("+7", long.class)).isEqualTo(7L);
        assertThat(binder.convertIfNecessary("", Integer.class)).isNull();
    }

    @Test
    void otherScriptsDigitsHexadecimalAndOverflowAreRefused() {
        for (String text : new String[] {"\u0661\u0662", "\u0967", "\uFF11", "0x10", "#10", "1e3", "99999999999"}) {
            assertThatThrownBy(() -> binder.convertIfNecessary(text, int.class)).as(text).isInstanceOf(TypeMismatchException.class);
            assertThatThrownBy(() -> binder.convertIfNecessary(text, Integer.class)).as(text).isInstanceOf(TypeMismatchException.class);
        }
        assertThatThrownBy(() -> binder.convertIfNecessary("\u0661", long.class)).isInstanceOf(TypeMismatchException.class);
        assertThatThrownBy(() -> binder.convertIfNecessary("0x10", Long.class)).isInstanceOf(TypeMismatchException.class);
    }
}
