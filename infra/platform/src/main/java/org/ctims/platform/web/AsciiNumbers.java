package org.ctims.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Whole numbers in requests (a page, a size, a grade) are written with the digits 0–9 only.
 * Spring's default reading ({@code Integer.decode}) takes {@code 0x1F} and {@code #1F} as
 * hexadecimal and, like {@link Integer#parseInt}, the digits of every script ({@code ١٢٣}); both
 * would make a request mean something it does not say. Anything else is a 400 (a type mismatch).
 * An editor of the binder, not a converter: when a converter refuses a value, the binder falls
 * back to its default editors, which accept both.
 */
@ControllerAdvice
class AsciiNumbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?[0-9]{1,19}");

    @InitBinder
    void register(WebDataBinder binder) {
        binder.registerCustomEditor(int.class, new Editor(Integer::valueOf, false));
        binder.registerCustomEditor(Integer.class, new Editor(Integer::valueOf, true));
        binder.registerCustomEditor(long.class, new Editor(Long::valueOf, false));
        binder.registerCustomEditor(Long.class, new Editor(Long::valueOf, true));
    }

    private static final class Editor extends PropertyEditorSupport {

        private final Function<String, Number> parse;
        private final boolean allowEmpty;

        Editor(Function<String, Number> parse, boolean allowEmpty) {
            this.parse = parse;
            this.allowEmpty = allowEmpty;
        }

        @Override
        public void setAsText(String text) {
            String value = text == null ? "" : text.strip();
            if (value.isEmpty() && allowEmpty) {
                setValue(null);
                return;
            }
            if (!DECIMAL.matcher(value).matches()) {
                throw new IllegalArgumentException("not a decimal number of the digits 0-9");
            }
            setValue(parse.apply(value));
        }
    }
}
