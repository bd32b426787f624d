package org.ctims.platform.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a request did to students' records, as the caller tells {@link AuditLog#record}: the
 * action ({@code followup.report.save}), the organization and school year, the students (STNs)
 * and records (ids) concerned, details (the filter of a list, the fields a save changed: values of
 * strings, numbers, booleans or lists of them, never the answers themselves) and how many
 * students a read returned. One entry per request, however many students it concerned.
 */
public record AuditEntry(String action, String organizationPid, String schoolYear, List<String> stns,
                         List<String> recordIds, Map<String, ?> details, Integer resultCount) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        stns = stns == null ? List.of() : List.copyOf(stns);
        recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
        details = details == null ? Map.of() : details;
    }

    public static AuditEntry of(String action) {
        return new AuditEntry(action, null, null, List.of(), List.of(), Map.of(), null);
    }

    public AuditEntry organization(String pid, String year) {
        return new AuditEntry(action, pid, year, stns, recordIds, details, resultCount);
    }

    public AuditEntry students(List<String> students) {
        return new AuditEntry(action, organizationPid, schoolYear, students, recordIds, details, resultCount);
    }

    public AuditEntry records(List<String> ids) {
        return new AuditEntry(action, organizationPid, schoolYear, stns, ids, details, resultCount);
    }

    public AuditEntry details(Map<String, ?> what) {
        return new AuditEntry(action, organizationPid, schoolYear, stns, recordIds, what, resultCount);
    }

    public AuditEntry count(int students) {
        return new AuditEntry(action, organizationPid, schoolYear, stns, recordIds, details, students);
    }
}
