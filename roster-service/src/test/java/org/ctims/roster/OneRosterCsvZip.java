package org.ctims.roster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds a OneRoster 1.2 CSV zip (manifest.csv plus data files in the CSV binding's columns) for
 * upload tests. Values with commas or quotes are quoted as the binding requires.
 */
public final class OneRosterCsvZip {

    public static final List<String> ORGS = List.of("sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId");
    public static final List<String> SESSIONS = List.of("sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear");
    public static final List<String> USERS = List.of("sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns");
    public static final List<String> ROLES = List.of("sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId");
    public static final List<String> CLASSES = List.of("sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods");
    public static final List<String> ENROLLMENTS = List.of("sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate");
    public static final List<String> DEMOGRAPHICS = List.of("sourcedId", "status", "dateLastModified", "birthDate", "sex");

    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
    private String mode = "bulk";

    public OneRosterCsvZip row(String file, List<String> header, Map<String, String> values) {
        headers.put(file, header);
        rows.computeIfAbsent(file, f -> new ArrayList<>()).add(values);
        return this;
    }

    public OneRosterCsvZip org(String sourcedId, String pid, String name) {
        return row("orgs.csv", ORGS, Map.of("sourcedId", sourcedId, "name", name, "type", "school", "identifier", pid));
    }

    public OneRosterCsvZip schoolYear(String sourcedId, int endYear) {
        return row("academicSessions.csv", SESSIONS, Map.of("sourcedId", sourcedId, "title", "SY " + endYear, "type", "schoolYear",
                "startDate", (endYear - 1) + "-08-15", "endDate", endYear + "-05-31", "schoolYear", String.valueOf(endYear)));
    }

    public OneRosterCsvZip student(String sourcedId, String stn, String orgSourcedId, String givenName, String familyName) {
        row("users.csv", USERS, Map.of("sourcedId", sourcedId, "enabledUser", "true", "username", sourcedId,
                "userIds", "{STN:" + stn + "},{FED:" + sourcedId + "}", "givenName", givenName, "familyName", familyName,
                "grades", "12", "email", sourcedId + "@students.example.org"));
        return row("roles.csv", ROLES, Map.of("sourcedId", "r-" + sourcedId, "userSourcedId", sourcedId, "roleType", "primary",
                "role", "student", "orgSourcedId", orgSourcedId));
    }

    public OneRosterCsvZip teacher(String sourcedId, String staffId, String orgSourcedId) {
        row("users.csv", USERS, Map.of("sourcedId", sourcedId, "enabledUser", "true", "username", sourcedId,
                "givenName", "Alice", "familyName", "Adams", "identifier", staffId, "email", sourcedId + "@staff.example.org"));
        return row("roles.csv", ROLES, Map.of("sourcedId", "r-" + sourcedId, "userSourcedId", sourcedId, "roleType", "primary",
                "role", "teacher", "orgSourcedId", orgSourcedId));
    }

    public OneRosterCsvZip cteClass(String sourcedId, String orgSourcedId, String termSourcedId, String subjects) {
        return row("classes.csv", CLASSES, Map.of("sourcedId", sourcedId, "title", "CTE " + sourcedId, "classType", "scheduled",
                "schoolSourcedId", orgSourcedId, "termSourcedIds", termSourcedId, "subjects", subjects, "courseSourcedId", "k-" + sourcedId));
    }

    public OneRosterCsvZip enrollment(String sourcedId, String userSourcedId, String classSourcedId, String orgSourcedId, String role) {
        return row("enrollments.csv", ENROLLMENTS, Map.of("sourcedId", sourcedId, "classSourcedId", classSourcedId,
                "schoolSourcedId", orgSourcedId, "userSourcedId", userSourcedId, "role", role,
                "primary", String.valueOf("teacher".equals(role))));
    }

    public OneRosterCsvZip demographic(String userSourcedId, String birthDate, String sex) {
        return row("demographics.csv", DEMOGRAPHICS, Map.of("sourcedId", userSourcedId, "birthDate", birthDate, "sex", sex));
    }

    /** Marks the files as OneRoster "delta" files (changes only) instead of "bulk" (the whole set). */
    public OneRosterCsvZip delta() {
        this.mode = "delta";
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            StringBuilder manifest = new StringBuilder("propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.2\r\n");
            for (String file : List.of("orgs", "academicSessions", "users", "roles", "classes", "enrollments", "demographics")) {
                manifest.append("file.").append(file).append(',').append(rows.containsKey(file + ".csv") ? mode : "absent").append("\r\n");
            }
            put(zip, "manifest.csv", manifest.toString());
            for (Map.Entry<String, List<Map<String, String>>> file : rows.entrySet()) {
                List<String> header = headers.get(file.getKey());
                StringBuilder csv = new StringBuilder(String.join(",", header)).append("\r\n");
                for (Map<String, String> values : file.getValue()) {
                    csv.append(String.join(",", header.stream().map(c -> quote(values.getOrDefault(c, ""))).toList())).append("\r\n");
                }
                put(zip, file.getKey(), csv.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String quote(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
