package org.ctims.followup.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.ctims.followup.catalog.CatalogReplica;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.FieldViolation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What bulk entry needs from the reports without saving anything: which reports of a school and
 * year the caller may write (the same scope as {@code PUT /api/followups/{id}}), and what a save
 * would do to one of them under the same rules ({@link AnswerRules}) — its field errors or its
 * changes. Saving itself stays {@link ReportService#save}.
 */
@Component
public class ReportDrafts {

    private final ReportRepository reports;
    private final CatalogReplica catalog;
    private final JdbcClient jdbc;

    ReportDrafts(ReportRepository reports, CatalogReplica catalog, JdbcClient jdbc) {
        this.reports = reports;
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    /** Whether the caller may save any report at all (teachers and school admins). */
    public static boolean writesReports(CurrentUser user) {
        return !ReportScope.writing(user).writesNothing();
    }

    /** The ids of the reports at the organization and year the caller may write, by STN, for the given STNs. */
    @Transactional(readOnly = true)
    public Map<String, UUID> writableIds(String organizationPid, String schoolYear, Collection<String> stns, CurrentUser user) {
        ReportScope scope = ReportScope.writing(user);
        List<Object> params = new ArrayList<>(List.of(organizationPid, schoolYear, String.join(",", stns)));
        params.addAll(scope.params());
        Map<String, UUID> ids = new LinkedHashMap<>();
        jdbc.sql("select r.id, r.stn from report r where r.organization_pid = ? and r.school_year = ?"
                        + " and r.stn = any(string_to_array(?, ',')) and " + ReportScope.CONDITION)
                .params(params)
                .query((rs, i) -> ids.put(rs.getString("stn"), rs.getObject("id", UUID.class)))
                .list();
        return ids;
    }

    /** Every report at the organization and year the caller may write, ordered by name. */
    @Transactional(readOnly = true)
    public List<ReportView> writable(String organizationPid, String schoolYear, CurrentUser user) {
        ReportScope scope = ReportScope.writing(user);
        List<Object> params = new ArrayList<>(List.of(organizationPid, schoolYear));
        params.addAll(scope.params());
        List<UUID> ids = jdbc.sql("select r.id from report r where r.organization_pid = ? and r.school_year = ? and "
                        + ReportScope.CONDITION + " order by lower(r.family_name), lower(r.given_name), r.stn")
                .params(params)
                .query((rs, i) -> rs.getObject("id", UUID.class))
                .list();
        return reports.findAll(ids).stream().map(ReportView::of).toList();
    }

    /**
     * What a save would do to the report without saving: {@code edit} makes the answers to save
     * from the report as it is now; the draft holds them with their field errors or their changes.
     * Empty if the caller may not write the report.
     */
    @Transactional(readOnly = true)
    public Optional<Draft> draft(UUID id, Function<ReportView, AnswersInput> edit, CurrentUser user) {
        return reports.find(id, ReportScope.writing(user), false).map(stored -> {
            ReportView current = ReportView.of(stored);
            AnswersInput input = edit.apply(current);
            AnswerRules.Outcome outcome = AnswerRules.check(stored.grade(), input, catalog.forYear(stored.schoolYear()),
                    stored.answers());
            return outcome.valid()
                    ? new Draft(current, input, List.of(), Change.between(stored.answers(), outcome.answers()))
                    : new Draft(current, input, outcome.violations(), List.of());
        });
    }

    /**
     * @param current the report as it is now (its {@code version} is what a save must expect)
     * @param input the answers a save would send
     * @param violations every broken rule, as a PUT would list them; empty when the input is valid
     * @param changes what a save would change (empty for an invalid input or one that changes nothing)
     */
    public record Draft(ReportView current, AnswersInput input, List<FieldViolation> violations, List<Change> changes) {

        public boolean valid() {
            return violations.isEmpty();
        }
    }
}
