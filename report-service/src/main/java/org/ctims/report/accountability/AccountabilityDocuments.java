package org.ctims.report.accountability;

import static org.ctims.report.export.ReportDocument.row;

import java.util.ArrayList;
import java.util.List;

import org.ctims.report.export.ReportDocument;

/** The school's and the state's accountability laid out for the {@code .xlsx} and {@code .pdf} downloads. */
final class AccountabilityDocuments {

    static final List<String> PLACEMENT = List.of("Level", "Key", "Name", "Cohort", "Placed", "Not placed",
            "Non-respondents", "Excluded deceased", "Excluded still secondary", "3S1 denominator", "3S1 %",
            "Denominator without non-respondents", "3S1 % without non-respondents");
    static final List<String> CREDENTIALS = List.of("Level", "Key", "Name", "Attained", "Eligible", "Excluded deceased",
            "5S1 %");

    private AccountabilityDocuments() {
    }

    static ReportDocument school(AccountabilityView view) {
        List<List<Object>> placement = new ArrayList<>();
        List<List<Object>> credentials = new ArrayList<>();
        add("School", view.organizationPid(), view.organizationName(), view.cohortSize(), view.placement(), view.credentialAttainment(),
                placement, credentials);
        for (AccountabilityView.Row r : view.byTeacher()) {
            add("Teacher", r.key(), r.name(), r.cohortSize(), r.placement(), r.credentialAttainment(), placement, credentials);
        }
        for (AccountabilityView.Row r : view.byDivision()) {
            add("Division", r.key(), r.name(), r.cohortSize(), r.placement(), r.credentialAttainment(), placement, credentials);
        }
        return document(ReportDocument.builder("Accountability (Perkins V 3S1, 5S1)",
                        "accountability-" + view.organizationPid() + "-" + view.schoolYear())
                .about("School", view.organizationName() == null ? view.organizationPid()
                        : view.organizationName() + " (" + view.organizationPid() + ")")
                .about("Enrollment year", view.schoolYear()), placement, credentials, view.credentialAttainment(),
                view.placement());
    }

    static ReportDocument state(StateAccountabilityView view) {
        List<List<Object>> placement = new ArrayList<>();
        List<List<Object>> credentials = new ArrayList<>();
        add("State", null, null, view.cohortSize(), view.placement(), view.credentialAttainment(), placement, credentials);
        for (AccountabilityView.Row r : view.bySchool()) {
            add("School", r.key(), r.name(), r.cohortSize(), r.placement(), r.credentialAttainment(), placement, credentials);
        }
        return document(ReportDocument.builder("Statewide accountability (Perkins V 3S1, 5S1)",
                        "accountability-state-" + view.schoolYear())
                .about("Enrollment year", view.schoolYear()), placement, credentials, view.credentialAttainment(),
                view.placement());
    }

    private static ReportDocument document(ReportDocument.Builder builder, List<List<Object>> placement,
                                           List<List<Object>> credentials, AccountabilityView.Credentials total,
                                           AccountabilityView.Placement totalPlacement) {
        return builder
                .table("3S1 placement", PLACEMENT, placement)
                .table("5S1 credentials", CREDENTIALS, credentials)
                .table("5S1 by cluster", List.of("Cluster", "Name", "Attained", "Eligible", "5S1 %"), total.byCluster().stream()
                        .map(c -> row(c.cluster(), c.name(), c.rate().numerator(), c.rate().denominator(), c.rate().percent()))
                        .toList())
                .table("Still secondary (review)", List.of("STN"),
                        totalPlacement.stillSecondaryForReview().stream().map(stn -> row(stn)).toList())
                .build();
    }

    private static void add(String level, String key, String name, long cohort, AccountabilityView.Placement p,
                            AccountabilityView.Credentials c, List<List<Object>> placement, List<List<Object>> credentials) {
        placement.add(row(level, key, name, cohort, p.placed(), p.notPlaced(), p.nonRespondents(), p.excludedDeceased(),
                p.excludedStillSecondary(), p.withNonRespondents().denominator(), p.withNonRespondents().percent(),
                p.withoutNonRespondents().denominator(), p.withoutNonRespondents().percent()));
        credentials.add(row(level, key, name, c.attained(), c.eligible(), c.excludedDeceased(), c.rate().percent()));
    }
}
