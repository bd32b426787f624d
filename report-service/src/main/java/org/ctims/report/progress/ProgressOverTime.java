package org.ctims.report.progress;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Completion progress of a school, a teacher there, or the state: today's figures and, for each
 * calendar day, how many reports were complete at the end of that day.
 *
 * @param timeZone the zone whose calendar days these are ({@code ctims.report.time-zone})
 * @param current  today's figures (as the summaries count them)
 * @param days     one entry per day from {@code from} (default: the first day with a save) to
 *                 {@code to} (default: the last day with a save), also days without saves
 */
public record ProgressOverTime(String organizationPid, String schoolYear, String teacherStaffId, String timeZone,
                               Current current, List<Day> days) {

    static final int MAX_DAYS = 1000;

    public record Current(long students, long followUpApplicable, long followUpComplete, long followUpIncomplete,
                          long certificateComplete) {

        static Current of(Figures f) {
            return new Current(f.students(), f.followUpApplicable(), f.followUpComplete(), f.followUpIncomplete(),
                    f.certificateComplete());
        }
    }

    /** The counts at the end of {@code date}, and the number of saves that day. */
    public record Day(LocalDate date, long followUpComplete, long certificateComplete, long saves) {
    }

    /** Adds up the day changes into the cumulative counts of every day from {@code from} to {@code to}. */
    static List<Day> days(List<ProgressRepository.DayChange> changes, LocalDate from, LocalDate to) {
        List<Day> days = new ArrayList<>();
        if (from == null && changes.isEmpty()) {
            return days;
        }
        LocalDate first = from != null ? from : changes.get(0).date();
        LocalDate last = to != null ? to : changes.isEmpty() ? first : changes.get(changes.size() - 1).date();
        long followUp = 0;
        long certificate = 0;
        int next = 0;
        for (; next < changes.size() && changes.get(next).date().isBefore(first); next++) {
            followUp += changes.get(next).followUpComplete();
            certificate += changes.get(next).certificateComplete();
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long saves = 0;
            if (next < changes.size() && changes.get(next).date().equals(day)) {
                ProgressRepository.DayChange change = changes.get(next++);
                followUp += change.followUpComplete();
                certificate += change.certificateComplete();
                saves = change.saves();
            }
            days.add(new Day(day, followUp, certificate, saves));
        }
        return days;
    }

    /** Parses an optional ISO date parameter; null when absent, an error added when malformed. */
    static LocalDate date(String text, String field, org.ctims.report.web.Parameters parameters) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            parameters.add(field, "must be a date like 2019-10-01");
            return null;
        }
    }

    static void checkRange(LocalDate from, LocalDate to, org.ctims.report.web.Parameters parameters) {
        if (from != null && to != null && (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_DAYS)) {
            parameters.add("to", "must be on or after from, at most " + MAX_DAYS + " days later");
        }
    }
}
