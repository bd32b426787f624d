package org.ctims.certification.catalog;

import java.util.regex.Pattern;

/**
 * A school year such as {@code 2018-2019}: two consecutive calendar years. An invalid one cannot
 * be constructed, so it never gets past the edge.
 */
public record SchoolYear(String value) implements Comparable<SchoolYear> {

    /** The format, also used in request parameter validation. */
    public static final String PATTERN = "^[0-9]{4}-[0-9]{4}$";
    private static final Pattern FORMAT = Pattern.compile(PATTERN);

    public SchoolYear {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("A school year looks like 2018-2019.");
        }
        int start = Integer.parseInt(value.substring(0, 4));
        int end = Integer.parseInt(value.substring(5));
        if (end != start + 1) {
            throw new IllegalArgumentException("A school year spans two consecutive years, like 2018-2019.");
        }
    }

    public static SchoolYear of(String value) {
        return new SchoolYear(value);
    }

    public static SchoolYear starting(int startYear) {
        return new SchoolYear(startYear + "-" + (startYear + 1));
    }

    public int startYear() {
        return Integer.parseInt(value.substring(0, 4));
    }

    @Override
    public int compareTo(SchoolYear other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
