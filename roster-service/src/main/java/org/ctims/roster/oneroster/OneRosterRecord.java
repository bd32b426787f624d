package org.ctims.roster.oneroster;

import java.time.LocalDate;
import java.util.List;

/**
 * One validated OneRoster 1.2 record, reduced to the fields CTIMS uses. Fields other than the
 * header may be null for a {@code tobedeleted} record.
 */
public sealed interface OneRosterRecord {

    RecordHeader header();

    /** An organization; {@code pid} is the state organization id from OneRoster's {@code identifier}. */
    record Org(RecordHeader header, String name, String type, String pid, String parentSourcedId) implements OneRosterRecord {
    }

    /** An academic session; {@code schoolYear} is written {@code 2018-2019}. */
    record AcademicSession(RecordHeader header, String title, String type, String schoolYear, LocalDate startDate,
                           LocalDate endDate) implements OneRosterRecord {
    }

    /**
     * A user. {@code stn} is the state testing number (checked to be 10 digits for students),
     * {@code staffId} the state staff id ({@code identifier}, else the lower-cased e-mail).
     */
    record User(RecordHeader header, String givenName, String familyName, String email, String stn, String staffId,
                Integer grade, List<String> roles) implements OneRosterRecord {
    }

    /** A role of a user at an organization (OneRoster 1.2 roles.csv). */
    record Role(RecordHeader header, String userSourcedId, String orgSourcedId, String role, String roleType)
            implements OneRosterRecord {
    }

    /** A class; {@code division} is the CTE program, from the class's subject (else its title). */
    record Clazz(RecordHeader header, String title, String schoolSourcedId, String courseSourcedId, String termSourcedId,
                 String division) implements OneRosterRecord {
    }

    /** A user's enrollment in a class, as student or teacher. */
    record Enrollment(RecordHeader header, String userSourcedId, String classSourcedId, String schoolSourcedId, String role,
                      boolean primary, LocalDate beginDate, LocalDate endDate) implements OneRosterRecord {
    }

    /** A user's demographics (the record's sourcedId is the user's). */
    record Demographic(RecordHeader header, LocalDate birthDate, String sex) implements OneRosterRecord {
    }
}
