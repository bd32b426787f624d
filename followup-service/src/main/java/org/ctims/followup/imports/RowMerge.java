package org.ctims.followup.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.ctims.followup.report.AnswersInput;
import org.ctims.followup.report.AnswersInput.EntryInput;
import org.ctims.followup.report.CertificationResult;
import org.ctims.followup.report.EducationStatus;
import org.ctims.followup.report.EmploymentStatus;
import org.ctims.followup.report.ReportView;
import org.ctims.platform.web.FieldViolation;

/**
 * Turns one row of a bulk-entry file into the answers a save of the report would send, starting
 * from the report as it is now:
 * <ul>
 * <li>a blank cell leaves the answer as it is; {@value #CLEAR} clears it (not answered);</li>
 * <li>a kept answer that the row's own answers make inapplicable is dropped, as the screen does
 * (everything "deceased" locks, job questions that the new employment status does not ask,
 * entries when the certification question is no longer yes); a <em>given</em> inapplicable answer
 * is an error, as in a PUT;</li>
 * <li>statuses and results may be written as codes ({@code not-attending}) or as the guidebook's
 * labels; yes/no as yes, no, y, n, true, false;</li>
 * <li>certification groups are merged by assessment number: a group sets the cluster and result
 * of its assessment (a blank one keeps the entry's), adds the assessment if the report does not
 * have it yet, and {@value #CLEAR} as result removes the entry.</li>
 * </ul>
 */
final class RowMerge {

    static final String CLEAR = "-";
    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x");
    private static final Set<String> NO = Set.of("no", "n", "false", "0");

    private final BulkFile file;
    private final BulkRow row;
    private final List<RowError> errors = new ArrayList<>();
    /** Entry index of the merged list → the file's group number (absent: kept from the report). */
    private final Map<Integer, Integer> groupOfEntry = new HashMap<>();

    private RowMerge(BulkFile file, BulkRow row) {
        this.file = file;
        this.row = row;
    }

    /** The merge of a row: the answers to save and the cells that could not be read. */
    record Merged(AnswersInput input, List<RowError> cellErrors, Function<FieldViolation, RowError> columnOf) {
    }

    static Merged merge(BulkFile file, BulkRow row, ReportView current) {
        RowMerge merge = new RowMerge(file, row);
        AnswersInput input = merge.answers(current);
        return new Merged(input, List.copyOf(merge.errors), merge::error);
    }

    private AnswersInput answers(ReportView current) {
        ReportView.AnswersView now = current.answers();
        boolean asked = current.followUpApplies();
        String email = text(BulkColumn.EMAIL, now.email());
        Boolean deceasedCell = yesNo(BulkColumn.DECEASED, asked ? now.deceased() : null);
        boolean deceased = Boolean.TRUE.equals(deceasedCell);
        boolean open = asked && !deceased;

        String education = code(BulkColumn.EDUCATION_STATUS, open ? now.educationStatus() : null, this::educationCode);
        String employment = code(BulkColumn.EMPLOYMENT_STATUS, open ? now.employmentStatus() : null, this::employmentCode);
        Optional<EmploymentStatus> status = employment == null ? Optional.empty() : EmploymentStatus.ofCode(employment);
        boolean civilian = open && status.map(EmploymentStatus::civilianEmployed).orElse(false);
        boolean employed = open && status.map(EmploymentStatus::employed).orElse(false);
        Boolean jobRelated = yesNo(BulkColumn.JOB_RELATED, civilian ? now.jobRelated() : null);
        Boolean selfEmployed = yesNo(BulkColumn.SELF_EMPLOYED, civilian ? now.selfEmployed() : null);
        String jobTitle = text(BulkColumn.JOB_TITLE, employed ? now.jobTitle() : null);
        String jobDuties = text(BulkColumn.JOB_DUTIES, employed ? now.jobDuties() : null);
        Boolean took = yesNo(BulkColumn.TOOK_CERTIFICATION_TEST, now.tookCertificationTest());

        List<EntryInput> entries = new ArrayList<>();
        if (Boolean.TRUE.equals(took) || !row.entries().isEmpty()) {
            current.certifications().forEach(e -> entries.add(new EntryInput(e.assessmentNumber(), e.clusterCode(), e.result())));
        }
        row.entries().forEach((group, cells) -> apply(group, cells, entries));
        return new AnswersInput(email, deceasedCell, education, employment, jobRelated, selfEmployed, jobTitle, jobDuties,
                took, entries);
    }

    private void apply(int group, BulkRow.EntryCells cells, List<EntryInput> entries) {
        if (cells.assessment() == null) {
            errors.add(new RowError(row.row(), file.header(BulkColumn.ASSESSMENT, group),
                    "A cluster or result needs its assessment (number, or the name as listed, e.g. 'Carpentry - 1001')."));
            return;
        }
        String number = afterLastDash(cells.assessment());
        String cluster = cells.cluster() == null ? null : afterLastDash(cells.cluster()).toUpperCase(Locale.ROOT);
        String result = cells.result() == null ? null : resultCode(cells.result());
        int index = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (number.equals(entries.get(i).assessmentNumber())) {
                index = i;
            }
        }
        if (CLEAR.equals(result)) {
            if (index >= 0) {
                entries.remove(index);
                shiftGroupsAfter(index);
            }
            return;
        }
        if (index < 0) {
            entries.add(new EntryInput(number, CLEAR.equals(cluster) ? null : cluster, result));
            groupOfEntry.put(entries.size() - 1, group);
            return;
        }
        EntryInput was = entries.get(index);
        String newCluster = cluster == null ? was.clusterCode() : CLEAR.equals(cluster) ? null : cluster;
        entries.set(index, new EntryInput(number, newCluster, result == null ? was.result() : result));
        groupOfEntry.put(index, group);
    }

    private void shiftGroupsAfter(int removed) {
        Map<Integer, Integer> shifted = new HashMap<>();
        groupOfEntry.forEach((index, group) -> {
            if (index != removed) {
                shifted.put(index > removed ? index - 1 : index, group);
            }
        });
        groupOfEntry.clear();
        groupOfEntry.putAll(shifted);
    }

    /** A rule broken by the merged answers, at the column the user has to fix. */
    private RowError error(FieldViolation v) {
        String field = v.field();
        String message = v.message();
        if (field.startsWith("certifications[")) {
            int index = Integer.parseInt(field.substring("certifications[".length(), field.indexOf(']')));
            String part = field.substring(field.indexOf(']') + 2);
            BulkColumn column = switch (part) {
                case "clusterCode" -> BulkColumn.CLUSTER;
                case "result" -> BulkColumn.RESULT;
                default -> BulkColumn.ASSESSMENT;
            };
            Integer group = groupOfEntry.get(index);
            return group == null
                    ? new RowError(row.row(), column.header(), message + " (an entry already on the report)")
                    : new RowError(row.row(), file.header(column, group), message);
        }
        BulkColumn column = switch (field) {
            case "email" -> BulkColumn.EMAIL;
            case "deceased" -> BulkColumn.DECEASED;
            case "educationStatus" -> BulkColumn.EDUCATION_STATUS;
            case "employmentStatus" -> BulkColumn.EMPLOYMENT_STATUS;
            case "jobRelated" -> BulkColumn.JOB_RELATED;
            case "selfEmployed" -> BulkColumn.SELF_EMPLOYED;
            case "jobTitle" -> BulkColumn.JOB_TITLE;
            case "jobDuties" -> BulkColumn.JOB_DUTIES;
            default -> BulkColumn.TOOK_CERTIFICATION_TEST;
        };
        return new RowError(row.row(), file.header(column), message);
    }

    private String text(BulkColumn column, String kept) {
        String cell = row.cells().get(column);
        if (cell == null) {
            return kept;
        }
        return CLEAR.equals(cell) ? null : cell;
    }

    private Boolean yesNo(BulkColumn column, Boolean kept) {
        String cell = row.cells().get(column);
        if (cell == null) {
            return kept;
        }
        String folded = BulkColumn.fold(cell);
        if (CLEAR.equals(cell)) {
            return null;
        }
        if (YES.contains(folded)) {
            return true;
        }
        if (NO.contains(folded)) {
            return false;
        }
        errors.add(new RowError(row.row(), file.header(column), "'" + cell + "' is not yes or no."));
        return kept;
    }

    private String code(BulkColumn column, String kept, Function<String, String> toCode) {
        String cell = row.cells().get(column);
        if (cell == null) {
            return kept;
        }
        return CLEAR.equals(cell) ? null : toCode.apply(cell);
    }

    /** The code of a status written as code or label; an unknown text goes on as it is, and the rules name it. */
    private String educationCode(String cell) {
        return codeOf(cell, EducationStatus.values(), EducationStatus::code, EducationStatus::label);
    }

    private String employmentCode(String cell) {
        return codeOf(cell, EmploymentStatus.values(), EmploymentStatus::code, EmploymentStatus::label);
    }

    private static String resultCode(String cell) {
        return CLEAR.equals(cell) ? CLEAR : codeOf(cell, CertificationResult.values(), CertificationResult::code, CertificationResult::label);
    }

    private static <T> String codeOf(String cell, T[] values, Function<T, String> code, Function<T, String> label) {
        String folded = BulkColumn.fold(cell);
        for (T value : values) {
            if (BulkColumn.fold(code.apply(value)).equals(folded) || BulkColumn.fold(label.apply(value)).equals(folded)) {
                return code.apply(value);
            }
        }
        return cell;
    }

    /** "Carpentry - 1001" → "1001"; "Education & Training - ED" → "ED". */
    private static String afterLastDash(String text) {
        int dash = text.lastIndexOf(" - ");
        return dash < 0 ? text.strip() : text.substring(dash + 3).strip();
    }
}
