package org.ctims.followup.report;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ctims.followup.catalog.CatalogReplica;
import org.ctims.platform.audit.AuditEntry;
import org.ctims.platform.audit.AuditLog;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.InvalidInputException;
import org.ctims.platform.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading and saving one report, scoped to the caller. */
@Service
public class ReportService {

    private final ReportRepository reports;
    private final CatalogReplica catalog;
    private final ReportEvents events;
    private final AuditLog audit;
    private final Clock clock;

    ReportService(ReportRepository reports, CatalogReplica catalog, ReportEvents events, AuditLog audit) {
        this.reports = reports;
        this.catalog = catalog;
        this.events = events;
        this.audit = audit;
        this.clock = Clock.systemUTC();
    }

    @Transactional(readOnly = true)
    public ReportView get(UUID id, CurrentUser user) {
        return ReportView.of(reports.find(id, ReportScope.reading(user), false).orElseThrow(ReportService::notFound));
    }

    /** A report's history, with whose report it is (for the audit entry of the read). */
    record History(UUID id, String stn, String organizationPid, String schoolYear, List<HistoryEntry> entries) {
    }

    @Transactional(readOnly = true)
    History history(UUID id, CurrentUser user) {
        StoredReport stored = reports.find(id, ReportScope.reading(user), false).orElseThrow(ReportService::notFound);
        return new History(id, stored.stn(), stored.organizationPid(), stored.schoolYear(), reports.history(id));
    }

    /**
     * Saves all answers of a report if {@code expectedVersion} is still current. The row lock makes
     * two concurrent saves of the same version queue up: the second sees the first's version and
     * is refused, never overwriting it. Invalid answers change nothing.
     */
    @Transactional
    public ReportView save(UUID id, int expectedVersion, AnswersInput input, CurrentUser user) {
        StoredReport stored = reports.find(id, ReportScope.writing(user), true).orElseThrow(ReportService::notFound);
        if (stored.version() != expectedVersion) {
            throw new StaleVersionException(stored.version());
        }
        AnswerRules.Outcome outcome = AnswerRules.check(stored.grade(), input, catalog.forYear(stored.schoolYear()),
                stored.answers());
        if (!outcome.valid()) {
            throw new InvalidInputException("The report was not saved: some answers break the rules.", outcome.violations());
        }
        Answers answers = outcome.answers();
        Completion completion = Completion.of(stored.grade(), answers);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int version = stored.version() + 1;
        reports.saveAnswers(id, version, answers, completion, user.username(), user.displayName(), now);
        List<Change> changes = Change.between(stored.answers(), answers);
        reports.addHistory(id, version, user.username(), user.displayName(), now, changes);
        // the row locked above, as this transaction just wrote it: no need to read it back
        ReportView after = ReportView.of(stored.savedAs(version, answers, user.username(), user.displayName(), now));
        events.saved(ReportView.of(stored), after);
        // last, so the chain's lock is held only until the commit
        audit.record(user, AuditEntry.of("followup.report.save").organization(stored.organizationPid(), stored.schoolYear())
                .students(List.of(stored.stn())).records(List.of(id.toString()))
                .details(Map.of("version", version, "fields", changes.stream().map(Change::field).distinct().toList())));
        return after;
    }

    private static NotFoundException notFound() {
        return new NotFoundException("The report");
    }
}
