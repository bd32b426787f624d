package org.ctims.report.accountability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.ctims.platform.security.CurrentUser;
import org.ctims.report.names.Names;
import org.ctims.report.web.Parameters;
import org.springframework.stereotype.Service;

/**
 * 3S1 and 5S1 of a school (with its teachers and divisions) or of the state, for one enrollment
 * year, from the read models. Teachers and school administrators get their own organizations only
 * (another one is 403 {@code organization-not-in-scope}); the roles allowed at all are checked by
 * the endpoints.
 */
@Service
public class AccountabilityReports {

    private final CohortRepository cohorts;
    private final Names names;

    AccountabilityReports(CohortRepository cohorts, Names names) {
        this.cohorts = cohorts;
        this.names = names;
    }

    public AccountabilityView school(String org, String year, CurrentUser user) {
        new Parameters().organization(org).schoolYear(year).check();
        user.requireOrganization(org);
        Set<String> approved = cohorts.approvedList(year);
        Map<String, CohortStudent> students = cohorts.cohort(org, year).stream()
                .collect(Collectors.toMap(CohortStudent::stn, Function.identity()));
        Function<CohortRepository.Group, AccountabilityView.Row> row = group -> AccountabilityView.Row.of(
                group.key(), group.name(),
                Accountability.of(group.stns().stream().map(students::get).toList(), approved));
        Accountability school = Accountability.of(students.values(), approved);
        return AccountabilityView.of(org, names.school(org).orElse(null), year, school, clusterNames(year, school),
                cohorts.byTeacher(org, year).stream().map(row).toList(),
                cohorts.byDivision(org, year).stream().map(row).toList());
    }

    public StateAccountabilityView state(String year) {
        new Parameters().schoolYear(year).check();
        Set<String> approved = cohorts.approvedList(year);
        List<Accountability> schools = new ArrayList<>();
        List<AccountabilityView.Row> rows = new ArrayList<>();
        Map<String, List<CohortStudent>> cohortOf = cohorts.cohortsOfTheState(year);
        for (CohortRepository.Group school : cohorts.schools(year)) {
            Accountability figures = Accountability.of(cohortOf.getOrDefault(school.key(), List.of()), approved);
            schools.add(figures);
            rows.add(AccountabilityView.Row.of(school.key(), school.name(), figures));
        }
        Accountability state = Accountability.sum(schools);
        return StateAccountabilityView.of(year, state, clusterNames(year, state), rows);
    }

    private Map<String, String> clusterNames(String year, Accountability figures) {
        return names.clusters(year, figures.credentialsByCluster().keySet());
    }
}
