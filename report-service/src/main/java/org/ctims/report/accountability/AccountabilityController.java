package org.ctims.report.accountability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 3S1 and 5S1 of one school and enrollment year. Teachers and school administrators get their
 * own organizations only (another one is 403 {@code organization-not-in-scope}); state staff and
 * report consumers every one; other roles 403.
 */
@RestController
class AccountabilityController {

    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");
    private static final Pattern YEAR = Pattern.compile("^(\\d{4})-(\\d{4})$");

    private final CohortRepository cohorts;

    AccountabilityController(CohortRepository cohorts) {
        this.cohorts = cohorts;
    }

    @GetMapping("/api/reports/accountability")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    AccountabilityView accountability(@RequestParam(required = false) String org,
                                      @RequestParam(required = false) String year, CurrentUser user) {
        List<FieldViolation> errors = new ArrayList<>();
        if (org == null || !PID.matcher(org).matches()) {
            errors.add(new FieldViolation("org", "must be an organization PID (digits)"));
        }
        var y = year == null ? null : YEAR.matcher(year);
        if (y == null || !y.matches() || Integer.parseInt(y.group(2)) != Integer.parseInt(y.group(1)) + 1) {
            errors.add(new FieldViolation("year", "must be a school year like 2018-2019"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Bad parameters", errors);
        }
        user.requireOrganization(org);
        Accountability figures = Accountability.of(cohorts.cohort(org, year), cohorts.approvedList(year));
        return AccountabilityView.of(org, year, figures);
    }
}
