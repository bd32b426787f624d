package org.ctims.followup.imports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.ctims.followup.report.Change;
import org.ctims.followup.report.ReportDrafts;
import org.ctims.followup.report.ReportService;
import org.ctims.followup.report.ReportView;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.InvalidInputException;
import org.ctims.platform.web.ProblemException;
import org.springframework.stereotype.Service;

/**
 * Bulk entry: previews or commits a file of answers, one row per student. Every row is checked
 * like a PUT of the merged answers ({@link RowMerge}) against the report as it is at that moment;
 * a commit saves each valid row that changes something through {@link ReportService#save} — its
 * own transaction, version, history and events, exactly as if the caller had saved the report on
 * screen — and leaves invalid and unchanged rows alone.
 */
@Service
class ImportService {

    private final ReportDrafts drafts;
    private final ReportService reports;

    ImportService(ReportDrafts drafts, ReportService reports) {
        this.drafts = drafts;
        this.reports = reports;
    }

    ImportResult run(BulkFile file, String fileName, String organizationPid, String schoolYear, boolean commit,
                     CurrentUser user) {
        Map<String, UUID> ids = drafts.writableIds(organizationPid, schoolYear,
                file.rows().stream().map(BulkRow::stn).toList(), user);
        List<ImportResult.RowResult> results = new ArrayList<>();
        for (RowError error : file.errors()) {
            results.add(new ImportResult.RowResult(error.row(), null, null, null, ImportResult.INVALID, null, List.of(),
                    List.of(error)));
        }
        for (BulkRow row : file.rows()) {
            results.add(row(file, row, ids.get(row.stn()), organizationPid, schoolYear, commit, user));
        }
        results.sort(Comparator.comparingInt(ImportResult.RowResult::row));
        int changed = count(results, commit ? ImportResult.SAVED : ImportResult.WOULD_CHANGE);
        return new ImportResult(commit, fileName, organizationPid, schoolYear, results.size(), changed,
                count(results, ImportResult.UNCHANGED), count(results, ImportResult.INVALID), results,
                results.stream().flatMap(r -> r.errors().stream()).toList());
    }

    private ImportResult.RowResult row(BulkFile file, BulkRow row, UUID id, String organizationPid, String schoolYear,
                                       boolean commit, CurrentUser user) {
        AtomicReference<RowMerge.Merged> merged = new AtomicReference<>();
        Optional<ReportDrafts.Draft> found = id == null ? Optional.empty()
                : drafts.draft(id, current -> {
                    merged.set(RowMerge.merge(file, row, current));
                    return merged.get().input();
                }, user);
        if (found.isEmpty()) {
            return invalid(row, null, null, List.of(new RowError(row.row(), file.header(BulkColumn.STN),
                    "No report of this student at " + organizationPid + " in " + schoolYear + " that you may edit.")));
        }
        ReportDrafts.Draft draft = found.get();
        ReportView current = draft.current();
        List<RowError> errors = new ArrayList<>(merged.get().cellErrors());
        draft.violations().forEach(v -> errors.add(merged.get().columnOf().apply(v)));
        if (errors.isEmpty() && !draft.changes().isEmpty()) {
            versionCheck(file, row, current).ifPresent(errors::add);
        }
        if (!errors.isEmpty()) {
            return invalid(row, current, draft.changes(), errors);
        }
        if (draft.changes().isEmpty()) {
            return result(row, current, ImportResult.UNCHANGED, current.version(), List.of(), List.of());
        }
        if (!commit) {
            return result(row, current, ImportResult.WOULD_CHANGE, current.version(), draft.changes(), List.of());
        }
        try {
            ReportView saved = reports.save(current.id(), current.version(), draft.input(), user);
            return result(row, current, ImportResult.SAVED, saved.version(), draft.changes(), List.of());
        }
        catch (InvalidInputException e) {
            // the catalog changed between the check and the save
            return invalid(row, current, List.of(), e.violations().stream().map(merged.get().columnOf()).toList());
        }
        catch (ProblemException e) {
            // another save came first (409) or the report left the caller's scope (404)
            return invalid(row, current, List.of(), List.of(new RowError(row.row(), file.header(BulkColumn.STN),
                    "The report was changed by someone else while importing; nothing was saved for this row. "
                            + "Preview the file again.")));
        }
    }

    /** A row that carries the report's version is applied only to that version. */
    private static Optional<RowError> versionCheck(BulkFile file, BulkRow row, ReportView current) {
        if (row.version() == null) {
            return Optional.empty();
        }
        String header = file.header(BulkColumn.VERSION);
        if (!row.version().matches("\\d{1,9}")) {
            return Optional.of(new RowError(row.row(), header, "'" + row.version() + "' is not a report version (a whole number)."));
        }
        if (Integer.parseInt(row.version()) == current.version()) {
            return Optional.empty();
        }
        String by = current.lastSavedBy() == null ? "" : " by " + current.lastSavedBy().name();
        return Optional.of(new RowError(row.row(), header, "The report was saved" + by + " since this file was made (version "
                + row.version() + ", now " + current.version() + "). Download a new template, or clear this cell to apply the row anyway."));
    }

    private static ImportResult.RowResult invalid(BulkRow row, ReportView current, List<Change> changes,
                                                  List<RowError> errors) {
        return result(row, current, ImportResult.INVALID, current == null ? null : current.version(), changes, errors);
    }

    private static ImportResult.RowResult result(BulkRow row, ReportView current, String outcome, Integer version,
                                                 List<Change> changes, List<RowError> errors) {
        String student = current == null ? null
                : (current.student().familyName() == null ? "" : current.student().familyName())
                        + (current.student().givenName() == null ? "" : ", " + current.student().givenName());
        return new ImportResult.RowResult(row.row(), row.stn(), current == null ? null : current.id(), student, outcome,
                version, changes, List.copyOf(errors));
    }

    private static int count(List<ImportResult.RowResult> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
