package org.ctims.report.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ctims.platform.SchoolYears;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;

/**
 * Checks the query parameters the report endpoints share, collecting every violation so that one
 * 422 answer lists them all.
 */
public final class Parameters {

    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");

    private final List<FieldViolation> errors = new ArrayList<>();

    public Parameters organization(String org) {
        if (org == null || !PID.matcher(org).matches()) {
            errors.add(new FieldViolation("org", "must be an organization PID (digits)"));
        }
        return this;
    }

    public Parameters schoolYear(String year) {
        if (!SchoolYears.isSchoolYear(year)) {
            errors.add(new FieldViolation("year", "must be a school year like 2018-2019"));
        }
        return this;
    }

    public Parameters staffId(String name, String staffId, boolean required) {
        if ((staffId == null && required) || (staffId != null && (staffId.isBlank() || staffId.length() > 100))) {
            errors.add(new FieldViolation(name, "must be a teacher's staff id"));
        }
        return this;
    }

    public Parameters add(String field, String message) {
        errors.add(new FieldViolation(field, message));
        return this;
    }

    /** Throws a 422 listing every violation found, if any. */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Bad parameters", List.copyOf(errors));
        }
    }
}
