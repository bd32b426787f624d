package org.ctims.platform.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text safe for a log line: what could be a student's data is masked. Reasons and error
 * messages echo the values they are about (an STN "got '12345'", "birthDate 2099-05-06 is in the
 * future"), and they stay so where people who may see them read them (the roster's rejection list,
 * the dead-letter headers); logs are read by operators and kept elsewhere, so they get this.
 *
 * <ul>
 * <li>quoted values ({@code '…'} and {@code "…"}) → {@code '***'}</li>
 * <li>e-mail addresses → {@code ***@***}</li>
 * <li>dates ({@code YYYY-MM-DD}) → {@code ****-**-**}</li>
 * <li>runs of 9 or more digits (an STN, long or short by one) → all but the last four masked,
 *     {@code ******1234}</li>
 * </ul>
 * Names cannot be recognised in free text: code must not put them into messages in the first place.
 */
public final class PersonalData {

    private static final Pattern QUOTED = Pattern.compile("(?<![\\p{L}\\d])'[^']*'|\"[^\"]*\"");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d)");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{9,}");
    private static final int MAX_CAUSES = 10;

    private PersonalData() {
    }

    public static String redacted(String text) {
        if (text == null) {
            return null;
        }
        String masked = QUOTED.matcher(text).replaceAll(m -> m.group().charAt(0) + "***" + m.group().charAt(0));
        masked = EMAIL.matcher(masked).replaceAll("***@***");
        masked = DATE.matcher(masked).replaceAll("****-**-**");
        Matcher numbers = LONG_NUMBER.matcher(masked);
        return numbers.replaceAll(m -> "*".repeat(m.group().length() - 4) + m.group().substring(m.group().length() - 4));
    }

    /** An STN (or any identifier) for a log line: {@code ******1234}. */
    public static String maskedStn(String stn) {
        if (stn == null || stn.length() <= 4) {
            return "****";
        }
        return "*".repeat(stn.length() - 4) + stn.substring(stn.length() - 4);
    }

    /**
     * The exception for a log line: the same classes' names, stack traces and causes, every message
     * redacted. Log this instead of the original.
     */
    public static Throwable redacted(Throwable error) {
        return copy(error, 0);
    }

    private static Throwable copy(Throwable error, int depth) {
        if (error == null) {
            return null;
        }
        Throwable cause = error.getCause();
        Throwable causeCopy = cause != null && cause != error && depth < MAX_CAUSES ? copy(cause, depth + 1) : null;
        Throwable copy = new RedactedException(error.getClass().getName() + ": " + redacted(error.getMessage()), causeCopy);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Stands for the original exception in a log; its message names the original's class. */
    static final class RedactedException extends RuntimeException {

        RedactedException(String message, Throwable cause) {
            super(message, cause, false, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
