package org.ctims.testing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.ctims.testing.security.TestTokens;

/**
 * A service's authorization table ({@code src/test/resources/authorization-matrix.md}): per
 * endpoint, the request that calls it and the status each kind of caller gets. Read by the
 * service's {@link AuthorizationMatrix} and by the gateway's tests, which call every endpoint of
 * every table through the gateway.
 */
public final class AuthorizationTable {

    /** The table, on the test class path of the service. */
    public static final String RESOURCE = "/authorization-matrix.md";
    /** Where each service keeps it, from the project's root. */
    public static final List<String> SERVICE_TABLES = List.of("roster-service", "followup-service",
            "certification-service", "report-service").stream().map(m -> m + "/src/test/resources" + RESOURCE).toList();
    /** The audience a token for another application names. */
    public static final String OTHER_AUDIENCE = "another-application";

    private AuthorizationTable() {
    }

    /** Who calls: the column headers of the table. */
    public enum Caller {
        NO_TOKEN("none"),
        EXPIRED("expired"),
        OTHER_AUDIENCE("other audience"),
        FORGED("forged signature"),
        TEACHER("teacher"),
        SCHOOL_ADMIN("school-admin"),
        STATE_ADMIN("state-admin"),
        SIS_INTEGRATION("sis-integration"),
        REPORT_CONSUMER("report-consumer"),
        NO_ROLE("no CTIMS role"),
        OTHER_SCHOOL_TEACHER("teacher of another school"),
        OTHER_SCHOOL_ADMIN("school-admin of another school");

        private final String label;

        Caller(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** A token that cannot be valid, whatever the role. */
        public boolean badToken() {
            return ordinal() <= FORGED.ordinal();
        }
    }

    /** One row of the table: {@code GET /api/x/{id}}, the request {@code GET /api/x/{report}[ with <body>]}, the answers. */
    public record Row(String endpoint, String request, Map<Caller, Integer> expected) {

        public String method() {
            return endpoint.substring(0, endpoint.indexOf(' '));
        }

        /** The request's path and query with the placeholders filled in. */
        public String path(Map<String, String> values) {
            String path = request.split(" with ", 2)[0].split(" ", 2)[1];
            for (Map.Entry<String, String> value : values.entrySet()) {
                path = path.replace("{" + value.getKey() + "}", value.getValue());
            }
            assertThat(path).as("placeholders left in %s", request).doesNotContain("{");
            return path;
        }

        /** The name of the request's body ({@code ... with <name>}), or null. */
        public String bodyName() {
            String[] parts = request.split(" with ", 2);
            return parts.length == 2 ? parts[1] : null;
        }
    }

    /** The table of the service whose tests run. */
    public static List<Row> ofTestClassPath() {
        return parse(String.join("\n", linesOfTestClassPath()));
    }

    /** A table file, e.g. another module's (see {@link #SERVICE_TABLES} and {@link #projectFile}). */
    public static List<Row> of(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table lines of the service whose tests run, as they must appear in {@code docs/SECURITY.md}. */
    public static List<String> linesOfTestClassPath() {
        try (InputStream in = AuthorizationTable.class.getResourceAsStream(RESOURCE)) {
            assertThat(in).as("the table %s on the test class path", RESOURCE).isNotNull();
            return lines(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(String text) {
        List<String> lines = text.lines().map(String::strip).filter(line -> line.startsWith("|")).toList();
        assertThat(lines).as("rows of the table").hasSizeGreaterThan(2);
        return lines;
    }

    private static List<Row> parse(String text) {
        List<String> lines = lines(text);
        List<String> header = cells(lines.get(0));
        assertThat(header.subList(0, 2)).as("first columns of the table").containsExactly("endpoint", "request");
        List<Caller> columns = header.subList(2, header.size()).stream()
                .map(label -> Arrays.stream(Caller.values()).filter(c -> c.label().equals(label)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Unknown caller column '" + label + "'")))
                .toList();
        assertThat(columns).as("caller columns of the table").containsExactly(Caller.values());
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            List<String> cells = cells(line);
            assertThat(cells).as("cells of %s", line).hasSize(header.size());
            Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
            for (int i = 0; i < columns.size(); i++) {
                expected.put(columns.get(i), Integer.parseInt(cells.get(i + 2)));
            }
            rows.add(new Row(unquoted(cells.get(0)), unquoted(cells.get(1)), expected));
        }
        return rows;
    }

    /**
     * A token per caller ({@link Caller#NO_TOKEN}: none). The bad tokens claim state staff, so only
     * the token check can refuse them; the school's users act for {@code school}, the other
     * school's for {@code otherSchool}; the user without a CTIMS role is a person of the school
     * with a staff id (a teacher whose role was taken away) and only Keycloak's own roles.
     */
    public static Map<Caller, String> tokens(TestTokens tokens, String school, String teacherStaffId, String otherSchool,
                                             String otherTeacherStaffId) {
        TestTokens.TokenSpec state = TestTokens.TokenSpec.person("state", List.of("state-admin"), List.of(), null);
        Map<Caller, String> tokensOf = new EnumMap<>(Caller.class);
        tokensOf.put(Caller.EXPIRED, tokens.token(state.withLifetime(Duration.ofMinutes(-10))));
        tokensOf.put(Caller.OTHER_AUDIENCE, tokens.token(state.withAudience(OTHER_AUDIENCE)));
        tokensOf.put(Caller.FORGED, forged(tokens.stateAdmin(), tokens.teacher(teacherStaffId, school)));
        tokensOf.put(Caller.TEACHER, tokens.teacher(teacherStaffId, school));
        tokensOf.put(Caller.SCHOOL_ADMIN, tokens.schoolAdmin(school));
        tokensOf.put(Caller.STATE_ADMIN, tokens.stateAdmin());
        tokensOf.put(Caller.SIS_INTEGRATION, tokens.client("sis-connector", "sis-integration"));
        tokensOf.put(Caller.REPORT_CONSUMER, tokens.client("report-reader", "report-consumer"));
        tokensOf.put(Caller.NO_ROLE, tokens.token(TestTokens.TokenSpec.person("former-teacher",
                List.of("default-roles-ctims", "offline_access", "uma_authorization"), List.of(school), teacherStaffId)));
        tokensOf.put(Caller.OTHER_SCHOOL_TEACHER, tokens.teacher(otherTeacherStaffId, otherSchool));
        tokensOf.put(Caller.OTHER_SCHOOL_ADMIN, tokens.schoolAdmin(otherSchool));
        return tokensOf;
    }

    /** The claims of {@code claimed} under the signature of {@code signed}: a forgery with a known key id. */
    static String forged(String claimed, String signed) {
        String[] claims = claimed.split("\\.");
        String[] signature = signed.split("\\.");
        return claims[0] + "." + claims[1] + "." + signature[2];
    }

    /** A file of the project (e.g. {@code docs/SECURITY.md}), found from the module's directory upwards. */
    public static Path projectFile(String path) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(path);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new AssertionError("No " + path + " above " + Path.of("").toAbsolutePath());
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|")).map(String::strip).toList();
    }

    private static String unquoted(String cell) {
        return cell.startsWith("`") && cell.endsWith("`") ? cell.substring(1, cell.length() - 1) : cell;
    }
}
