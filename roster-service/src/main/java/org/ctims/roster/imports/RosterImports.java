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
import org.ctims.roster.oneroster.InvalidRecordException;
import org.ctims.roster.oneroster.OneRosterParser;
import org.ctims.roster.oneroster.OneRosterRecord;
import org.ctims.roster.oneroster.RecordType;
import org.ctims.roster.oneroster.RosterIngest;
import org.ctims.roster.rejection.RejectedRecord;
import org.ctims.roster.rejection.Rejections;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

    private final OneRosterParser parser = new OneRosterParser();
    private final RosterIngest ingest;
    private final Rejections rejections;
    private final JdbcClient jdbc;

    RosterImports(RosterIngest ingest, Rejections rejections, JdbcClient jdbc) {
        this.ingest = ingest;
        this.rejections = rejections;
        this.jdbc = jdbc;
    }

    ImportReport importZip(InputStream upload, CurrentUser user) {
        OneRosterZip zip = OneRosterZip.read(upload);
        String importId = UUID.randomUUID().toString();
        String sis = sisOf(user);
        String uploadedAt = Instant.now().toString();
        Map<String, List<Map<String, String>>> rolesByUser = zip.file("roles.csv").stream().map(OneRosterZip.CsvRow::values)
                .collect(Collectors.groupingBy(r -> r.getOrDefault("userSourcedId", ""), Collectors.toList()));
        SchoolCheck schools = new SchoolCheck(sis, user, zip, rolesByUser);
        Map<String, ImportReport.FileCounts> counts = new LinkedHashMap<>();
        List<ImportReport.RowRejection> rejected = new ArrayList<>();
        for (String file : FILES) {
            List<OneRosterZip.CsvRow> rows = zip.file(file.toLowerCase(java.util.Locale.ROOT));
            if (rows.isEmpty()) {
                continue;
            }
            int applied = 0;
            int unchanged = 0;
            int rejectedRows = 0;
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
                    if (ingest.apply(eventId, record)) {
                        applied++;
                    } else {
                        unchanged++;
                    }
                } catch (InvalidRecordException e) {
                    rejectedRows++;
                    rejected.add(new ImportReport.RowRejection(file, row.line(), sourcedId, e.reason()));
                    rejections.record(new RejectedRecord(eventId, sis, e.schoolSourcedId() != null ? e.schoolSourcedId()
                            : schools.schoolOf(file, row.values()), TYPES.get(file),
                            RecordType.ofCeType(TYPES.get(file)).orElseThrow().shortName() + ":" + sourcedId,
                            file + " line " + row.line() + ": " + e.reason(), json.toString()));
                }
            }
            counts.put(file, new ImportReport.FileCounts(rows.size(), applied, unchanged, rejectedRows));
        }
        return new ImportReport(importId, sis, counts, rejected);
    }

    /**
     * Uploads are their own SIS namespace: an SIS client's by its client id, a school
     * administrator's by their schools (so admins of one school share sourcedIds and deltas).
     */
    private static String sisOf(CurrentUser user) {
        if (user.hasRole(Role.SIS_INTEGRATION)) {
            return "upload:" + user.username();
        }
        return "upload:schools:" + user.organizationPids().stream().sorted().collect(Collectors.joining("+"));
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
