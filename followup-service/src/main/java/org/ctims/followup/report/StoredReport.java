package org.ctims.followup.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A report as stored: the roster's facts about the student, the answers and who saved them last. */
record StoredReport(UUID id, String stn, String organizationPid, String organizationName, String schoolYear,
                    String givenName, String familyName, LocalDate birthDate, String gender, Integer grade,
                    boolean removed, int version, Answers answers, String lastSavedBy, String lastSavedByName,
                    Instant lastSavedAt, List<Teaching> teachers) {

    /** This report as a save leaves it: the next version with these answers, saved by {@code by} at {@code at}. */
    StoredReport savedAs(int newVersion, Answers newAnswers, String by, String byName, Instant at) {
        return new StoredReport(id, stn, organizationPid, organizationName, schoolYear, givenName, familyName, birthDate,
                gender, grade, removed, newVersion, newAnswers, by, byName, at, teachers);
    }

    /** One enrollment of the student at the report's organization. */
    record Teaching(String staffId, String name, String division, boolean removed) {
    }
}
