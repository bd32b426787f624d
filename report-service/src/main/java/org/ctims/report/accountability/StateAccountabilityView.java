package org.ctims.report.accountability;

import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /api/reports/accountability/state}: the statewide figures of a year
 * (the sum of the schools' counts, so exact) and a row per school.
 */
public record StateAccountabilityView(String schoolYear, long cohortSize, AccountabilityView.Placement placement,
                                      AccountabilityView.Credentials credentialAttainment,
                                      List<AccountabilityView.Row> bySchool) {

    static StateAccountabilityView of(String year, Accountability total, Map<String, String> clusterNames,
                                      List<AccountabilityView.Row> bySchool) {
        return new StateAccountabilityView(year, total.cohortSize(), AccountabilityView.Placement.of(total.placement()),
                AccountabilityView.Credentials.of(total, clusterNames), List.copyOf(bySchool));
    }
}
