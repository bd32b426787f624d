package org.ctims.roster.imports;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.OrganizationScope;
import org.ctims.platform.security.Role;
import org.ctims.platform.web.InvalidInputException;
import org.ctims.roster.oneroster.InvalidRecordException;
import org.ctims.roster.oneroster.OneRosterParser;
import org.ctims.roster.oneroster.OneRosterRecord;
import org.ctims.roster.oneroster.RecordType;
import org.ctims.roster.oneroster.RosterIngest;
import org.ctims.roster.rejection.RejectedRecord;
import org.ctims.roster.rejection.Rejections;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Imports a OneRoster 1.2 CSV zip by the same rules as the Kafka intake: every row becomes the
 * record an SIS would have sent and is applied once, newest wins, invalid rows are rejected with
 * file, line and reason. Rows without {@code dateLastModified} (bulk files) are dated at the time
 * of the upload. A school administrator may only import rows of their own schools; other rows
 * are rejected.
 */
@Service
class RosterImports {

    /** Applied in this order, so references usually exist already (the rest waits as pending). */
    static final List<String> FILES = List.of("orgs.csv", "academicSessions.csv", "users.csv", "roles.csv",
            "classes.csv", "demographics.csv", "enrollments.csv");
    private static final Map<String, String> TYPES = Map.of("orgs.csv", "oneroster.org",
            "academicSessions.csv", "oneroster.academicSession", "users.csv", "oneroster.user", "roles.csv", "oneroster.role",
            "classes.csv", "oneroster.class", "demographics.csv", "oneroster.demographic", "enrollments.csv", "oneroster.enrollment");

    /** Valid rows applied together in one transaction. */
    static final int CHUNK = 500;

    private final OneRosterParser parser = new OneRosterParser();
    private final RosterIngest ingest;
    private final Rejections rejections;
    private final JdbcClient jdbc;

    RosterImports(RosterIngest ingest, Rejections rejections, JdbcClient jdbc) {
        this.ingest = ingest;
        this.rejections = rejections;
        this.jdbc = jdbc;
    }

    /** {@code sis} is the namespace {@link #namespace} chose for the caller. */
    ImportReport importZip(InputStream upload, String sis, CurrentUser user) {
        OneRosterZip zip = OneRosterZip.read(upload);
        String importId = UUID.randomUUID().toString();
        String uploadedAt = Instant.now().toString();
        Map<String, List<Map<String, String>>> rolesByUser = zip.file("roles.csv").stream().map(OneRosterZip.CsvRow::values)
                .collect(Collectors.groupingBy(r -> r.getOrDefault("userSourcedId", ""), Collectors.toList()));
        SchoolCheck schools = new SchoolCheck(sis, user, zip, rolesByUser);
        Map<String, String> manifest = zip.manifest();
        Map<String, ImportReport.FileCounts> counts = new LinkedHashMap<>();
        List<ImportReport.RowRejection> rejected = new ArrayList<>();
        for (String file : FILES) {
            List<OneRosterZip.CsvRow> rows = zip.file(file.toLowerCase(java.util.Locale.ROOT));
            if (rows.isEmpty() && !(bulk(manifest, file) && zip.has(file))) {
                continue;
            }
            FileProgress progress = new FileProgress(sis, file, rejected);
            for (OneRosterZip.CsvRow row : rows) {
                String sourcedId = row.values().getOrDefault("sourcedId", "");
                ObjectNode json = CsvRows.toJson(file, row.values(), rolesByUser.getOrDefault(sourcedId, List.of()));
                if (!json.has("dateLastModified")) {
                    json.put("dateLastModified", uploadedAt);
                }
                String eventId = "import:" + importId + ":" + file + ":" + row.line();
                try {
                    OneRosterRecord record = parser.parse(sis, TYPES.get(file), json);
                    schools.check(file, row.values());
                    progress.add(new PendingRow(row.line(), sourcedId, json.toString(), new RosterIngest.Incoming(eventId, record)));
                } catch (InvalidRecordException e) {
                    progress.reject(row.line(), sourcedId, eventId, e.schoolSourcedId() != null ? e.schoolSourcedId()
                            : schools.schoolOf(file, row.values()), e.reason(), json.toString());
                }
            }
            progress.flush();
            int applied = progress.applied;
            int unchanged = progress.unchanged;
            int rejectedRows = progress.rejected;
            counts.put(file, new ImportReport.FileCounts(rows.size(), applied, unchanged, rejectedRows, 0));
        }
        // A bulk file is the whole set of its records: what it no longer lists is removed. After every
        // file is applied, so that a record moved from one file's view to another is never missing.
        for (String file : FILES) {
            if (bulk(manifest, file) && zip.has(file)) {
                int removed = removeMissing(importId, sis, file, zip.file(file), uploadedAt);
                counts.computeIfPresent(file, (name, c) -> new ImportReport.FileCounts(c.rows(), c.applied(), c.unchanged(),
                        c.rejected(), removed));
            }
        }
        return new ImportReport(importId, sis, counts, rejected);
    }

    /** A valid row waiting to be applied with the rows around it. */
    private record PendingRow(int line, String sourcedId, String json, RosterIngest.Incoming incoming) {
    }

    /**
     * One file's rows: valid ones applied {@value #CHUNK} at a time in one transaction each (the
     * Kafka intake's batch path); if a chunk's transaction fails, its rows are applied one by one and a
     * row that still fails is reported as rejected with the reason. Counts what happened.
     */
    private final class FileProgress {

        private final String sis;
        private final String file;
        private final List<ImportReport.RowRejection> report;
        private final List<PendingRow> pending = new ArrayList<>();
        int applied;
        int unchanged;
        int rejected;

        FileProgress(String sis, String file, List<ImportReport.RowRejection> report) {
            this.sis = sis;
            this.file = file;
            this.report = report;
        }

        void add(PendingRow row) {
            pending.add(row);
            if (pending.size() >= CHUNK) {
                flush();
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            try {
                Set<String> changed = ingest.applyBatch(pending.stream().map(PendingRow::incoming).toList());
                pending.forEach(row -> count(changed.contains(row.incoming().eventId())));
            } catch (RuntimeException chunkFailed) {
                for (PendingRow row : pending) {
                    try {
                        count(ingest.apply(row.incoming().eventId(), row.incoming().record()));
                    } catch (RuntimeException e) {
                        reject(row.line(), row.sourcedId(), row.incoming().eventId(), null,
                                "Could not be processed: " + NestedExceptionUtils.getMostSpecificCause(e).getMessage(), row.json());
                    }
                }
            }
            pending.clear();
        }

        private void count(boolean changed) {
            if (changed) {
                applied++;
            } else {
                unchanged++;
            }
        }

        void reject(int line, String sourcedId, String eventId, String school, String reason, String json) {
            rejected++;
            report.add(new ImportReport.RowRejection(file, line, sourcedId, reason));
            rejections.record(new RejectedRecord(eventId, sis, school, TYPES.get(file),
                    RecordType.ofCeType(TYPES.get(file)).orElseThrow().shortName() + ":" + sourcedId,
                    file + " line " + line + ": " + reason, json));
        }
    }

    /** OneRoster's manifest: {@code file.<name>} is {@code bulk} (the whole set), {@code delta} (changes only) or {@code absent}. */
    private static boolean bulk(Map<String, String> manifest, String file) {
        String property = "file." + file.substring(0, file.length() - ".csv".length());
        return "bulk".equalsIgnoreCase(manifest.getOrDefault(property, "").trim());
    }

    /**
     * Marks every active record of the file's type in this namespace that the bulk file does not list
     * (not even in a rejected row) as {@code tobedeleted}, dated at the upload, through the same
     * rules as any record: its enrollments are removed and published as removed.
     *
     * @return how many records were removed
     */
    private int removeMissing(String importId, String sis, String file, List<OneRosterZip.CsvRow> rows, String uploadedAt) {
        String ceType = TYPES.get(file);
        RecordType type = RecordType.ofCeType(ceType).orElseThrow();
        String[] listed = rows.stream().map(r -> r.values().getOrDefault("sourcedId", "").trim()).toArray(String[]::new);
        List<String> missing = ingest.activeNotListed(sis, type, listed);
        List<RosterIngest.Incoming> removals = new ArrayList<>(missing.size());
        for (String sourcedId : missing) {
            ObjectNode tombstone = JsonMapper.shared().createObjectNode().put("sourcedId", sourcedId)
                    .put("status", "tobedeleted").put("dateLastModified", uploadedAt);
            removals.add(new RosterIngest.Incoming("import:" + importId + ":" + file + ":removed:" + sourcedId,
                    parser.parse(sis, ceType, tombstone)));
        }
        return removals.isEmpty() ? 0 : ingest.applyBatch(removals).size();
    }

    /**
     * The SIS namespace an upload goes into. An SIS client's is its own ({@code upload:<client id>}),
     * a school administrator's that of their schools ({@code upload:schools:<pids>}, so admins of
     * one school share sourcedIds and deltas). State staff name the SIS ({@code sis}): one the
     * roster already holds organizations of, so that a file exported from that SIS lands on the
     * feed's own records (same sourcedIds, newer wins) instead of duplicating them under a
     * misspelt name. Only state staff may name one; a 422 on {@code sis} otherwise.
     */
    String namespace(String sis, CurrentUser user) {
        if (user.hasRole(Role.SIS_INTEGRATION)) {
            notNamed(sis);
            return "upload:" + user.username();
        }
        if (user.hasRole(Role.STATE_ADMIN)) {
            if (sis == null || sis.isBlank()) {
                throw new InvalidInputException("sis", "State staff name the SIS the file comes from (sis=…), "
                        + "as its records are known here, e.g. its feed's source.");
            }
            boolean known = jdbc.sql("select exists (select 1 from org where sis = :sis)").param("sis", sis.strip())
                    .query(Boolean.class).single();
            if (!known) {
                throw new InvalidInputException("sis", "No SIS named '" + sis.strip() + "' has records here; "
                        + "check the name (as the roster imports page lists it). Nothing was imported.");
            }
            return sis.strip();
        }
        notNamed(sis);
        return "upload:schools:" + user.organizationPids().stream().sorted().collect(Collectors.joining("+"));
    }

    private static void notNamed(String sis) {
        if (sis != null) {
            throw new InvalidInputException("sis", "Only state staff name the SIS; your uploads have their own.");
        }
    }

    /** For school administrators: every row must belong to one of their schools. */
    private final class SchoolCheck {

        private final String sis;
        private final OrganizationScope scope;
        private final boolean restricted;
        private final Map<String, String> pidsInZip = new HashMap<>();
        private final Map<String, List<Map<String, String>>> rolesByUser;

        SchoolCheck(String sis, CurrentUser user, OneRosterZip zip, Map<String, List<Map<String, String>>> rolesByUser) {
            this.sis = sis;
            this.scope = user.scope();
            this.restricted = !user.hasRole(Role.SIS_INTEGRATION) && !scope.all();
            this.rolesByUser = rolesByUser;
            zip.file("orgs.csv").forEach(row -> pidsInZip.put(row.values().getOrDefault("sourcedId", ""),
                    row.values().getOrDefault("identifier", "").trim()));
        }

        void check(String file, Map<String, String> row) {
            if (!restricted || file.equals("academicSessions.csv")) {
                return;
            }
            Set<String> schools = schoolsOf(file, row);
            String sourcedId = row.getOrDefault("sourcedId", "");
            if (schools.isEmpty()) {
                throw new InvalidRecordException("The row's school cannot be determined, so it cannot be checked to be yours",
                        null, sourcedId, null);
            }
            for (String school : schools) {
                String pid = file.equals("orgs.csv") ? row.getOrDefault("identifier", "").trim() : pidOf(school);
                if (pid == null || !scope.includes(pid)) {
                    throw new InvalidRecordException("School " + (pid == null || pid.isEmpty() ? school : pid)
                            + " is not one of your organizations", null, sourcedId, school);
                }
            }
        }

        String schoolOf(String file, Map<String, String> row) {
            return schoolsOf(file, row).stream().findFirst().orElse(null);
        }

        private Set<String> schoolsOf(String file, Map<String, String> row) {
            Set<String> schools = new LinkedHashSet<>();
            switch (file) {
                case "orgs.csv" -> add(schools, row.get("sourcedId"));
                case "classes.csv", "enrollments.csv" -> add(schools, row.get("schoolSourcedId"));
                case "roles.csv" -> add(schools, row.get("orgSourcedId"));
                case "users.csv", "demographics.csv" -> {
                    add(schools, row.get("primaryOrgSourcedId"));
                    rolesByUser.getOrDefault(row.getOrDefault("sourcedId", ""), List.of())
                            .forEach(role -> add(schools, role.get("orgSourcedId")));
                }
                default -> {
                }
            }
            return schools;
        }

        private String pidOf(String orgSourcedId) {
            String inZip = pidsInZip.get(orgSourcedId);
            if (inZip != null && !inZip.isEmpty()) {
                return inZip;
            }
            return jdbc.sql("select pid from org where sis = :sis and sourced_id = :id and status = 'active'")
                    .param("sis", sis).param("id", orgSourcedId).query(String.class).optional().orElse(null);
        }

        private static void add(Set<String> schools, String value) {
            if (value != null && !value.isBlank()) {
                schools.add(value.trim());
            }
        }
    }
}
