package org.ctims.platform;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one rule for a school year as the services read it from requests and events: {@code 2018-2019}, two consecutive calendar years. */
public final class SchoolYears {

    private static final Pattern FORMAT = Pattern.compile("^(\\d{4})-(\\d{4})$");

    private SchoolYears() {
    }

    /** Whether {@code year} is written like {@code 2018-2019} and its second year follows its first. */
    public static boolean isSchoolYear(String year) {
        if (year == null) {
            return false;
        }
        Matcher m = FORMAT.matcher(year);
        return m.matches() && Integer.parseInt(m.group(2)) == Integer.parseInt(m.group(1)) + 1;
    }
}
