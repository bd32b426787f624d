package org.ctims.certification.catalog;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text helpers shared by import and search: cleaning cells and folding text for comparison. */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");

    private Text() {
    }

    /** Trims and collapses every run of whitespace (non-breaking too) to one space; blank is null. */
    public static String clean(String value) {
        if (value == null) {
            return null;
        }
        String cleaned = SPACES.matcher(value).replaceAll(" ").strip();
        return cleaned.isEmpty() ? null : cleaned;
    }

    /**
     * Folds text for comparison: lower case, accents removed, {@code &} read as "and", every
     * other punctuation a single space. {@code "Éducation & Training"} becomes
     * {@code "education and training"}.
     */
    public static String fold(String value) {
        if (value == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
        String unmarked = MARKS.matcher(decomposed).replaceAll("").replace("&", " and ");
        return NOT_ALNUM.matcher(unmarked.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
