package org.ctims.report.accountability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 3S1 and 5S1 of a school (with its teachers and divisions) or of the state, for one enrollment
 * year. Teachers and school administrators get their own organizations only (another one is 403
 * {@code organization-not-in-scope}); state staff and report consumers every one and the state;
 * other roles 403.
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
    AccountabilityView school(@RequestParam(required = false) String org,
                              @RequestParam(required = false) String year, CurrentUser user) {
        List<FieldViolation> errors = new ArrayList<>();
        if (org == null || !PID.matcher(org).matches()) {
            errors.add(new FieldViolation("org", "must be an organization PID (digits)"));
        }
        checkYear(year, errors);
        user.requireOrganization(org);
        Set<String> approved = cohorts.approvedList(year);
        Map<String, CohortStudent> students = cohorts.cohort(org, year).stream()
                .collect(Collectors.toMap(CohortStudent::stn, Function.identity()));
        Function<CohortRepository.Group, AccountabilityView.Row> row = group -> AccountabilityView.Row.of(
                group.key(), group.name(),
                Accountability.of(group.stns().stream().map(students::get).toList(), approved));
        return AccountabilityView.of(org, year, Accountability.of(students.values(), approved),
                cohorts.byTeacher(org, year).stream().map(row).toList(),
                cohorts.byDivision(org, year).stream().map(row).toList());
    }

    @GetMapping("/api/reports/accountability/state")
    @PreAuthorize("hasAnyRole('state-admin', 'report-consumer')")
    StateAccountabilityView state(@RequestParam(required = false) String year) {
        checkYear(year, new ArrayList<>());
        Set<String> approved = cohorts.approvedList(year);
        List<Accountability> schools = new ArrayList<>();
        List<AccountabilityView.Row> rows = new ArrayList<>();
        // one query per school: fine for a state's few hundred schools; a single grouped query
        // is the next step if the statewide report gets slow
        for (CohortRepository.Group school : cohorts.schools(year)) {
            Accountability figures = Accountability.of(cohorts.cohort(school.key(), year), approved);
            schools.add(figures);
            rows.add(AccountabilityView.Row.of(school.key(), school.name(), figures));
        }
        return StateAccountabilityView.of(year, Accountability.sum(schools), rows);
    }

    /** Throws with every violation collected so far plus the year's, if any. */
    private static void checkYear(String year, List<FieldViolation> errors) {
        var y = year == null ? null : YEAR.matcher(year);
        if (y == null || !y.matches() || Integer.parseInt(y.group(2)) != Integer.parseInt(y.group(1)) + 1) {
            errors.add(new FieldViolation("year", "must be a school year like 2018-2019"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Bad parameters", errors);
        }
    }
}
