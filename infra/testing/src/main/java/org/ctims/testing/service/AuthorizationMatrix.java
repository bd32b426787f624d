package org.ctims.testing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.ctims.testing.service.AuthorizationTable.Caller;
import org.ctims.testing.service.AuthorizationTable.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorization matrix of one service: every HTTP endpoint called by every kind of caller
 * (no token, an expired token, a token for another audience, a token with a forged signature,
 * each realm role, a person of the school without a CTIMS role, and users of another school
 * calling with this school's ids), each answer
 * compared with the service's table {@code src/test/resources/authorization-matrix.md}.
 *
 * <p>The table is the one place the expected answers live; {@code docs/SECURITY.md} must hold it
 * verbatim, and every endpoint of the running application (its request mappings) must be in it,
 * else the build fails; so must every role of the realm ({@code infra/keycloak}) be a column. A
 * service's integration test (a {@link ServiceStartupChecks}) declares a {@code @Nested} subclass, so the
 * matrix runs in the context the service's tests already started, and gives it its fixture: the
 * ids of a school with data, another school, and the requests' bodies. A call that is refused
 * must not change data: the fixture's fingerprint query answers the same before and after every
 * call that is not a GET and answers 4xx, and what a user of another school is answered with 2xx
 * never names the first school.
 */
public abstract class AuthorizationMatrix {

    /** Roles every Keycloak realm has; not CTIMS's. */
    private static final List<String> KEYCLOAK_ROLES = List.of("offline_access", "uma_authorization");
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A request's body and headers, named in the table's request column as {@code ... with <name>}.
     *
     * @param contentType e.g. {@code application/json}; for {@link #multipart} the boundary is added
     */
    public record Body(String contentType, byte[] content, Map<String, String> headers) {

        public static Body json(String json, String... headers) {
            return new Body("application/json", json.getBytes(StandardCharsets.UTF_8), pairs(headers));
        }

        /** A multipart form with one file part. */
        public static Body multipart(String part, String fileName, byte[] file) {
            String boundary = "matrix-" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                    + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + file.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(file, 0, all, head.length, file.length);
            System.arraycopy(tail, 0, all, head.length + file.length, tail.length);
            return new Body("multipart/form-data; boundary=" + boundary, all, Map.of());
        }

        private static Map<String, String> pairs(String... headers) {
            Map<String, String> map = new LinkedHashMap<>();
            for (int i = 0; i < headers.length; i += 2) {
                map.put(headers[i], headers[i + 1]);
            }
            return map;
        }
    }

    /**
     * What the matrix calls with.
     *
     * @param school the school whose data the requests name (its teacher and admin act for it)
     * @param teacherStaffId the staff id of the school's teacher, who teaches the fixture's students
     * @param otherSchool a second school, whose teacher and admin call with the first school's ids
     * @param otherTeacherStaffId the staff id of the second school's teacher
     * @param values what the placeholders {@code {name}} in the table's requests stand for
     * @param bodies the bodies named in the table's requests
     * @param fingerprintSql a query over the data the write endpoints could change; must answer the
     *        same before and after a refused write
     */
    public record Fixture(String school, String teacherStaffId, String otherSchool, String otherTeacherStaffId,
                          Map<String, String> values, Map<String, Body> bodies, String fingerprintSql) {
    }

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private DataSource dataSource;

    /** Creates (once per matrix run) the data the requests name. */
    protected abstract Fixture fixture();

    @Test
    void everyEndpointOfTheApplicationIsInTheTable() {
        TreeSet<String> inTable = AuthorizationTable.ofTestClassPath().stream().map(Row::endpoint)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(inTable)
                .as("endpoints of %s (the application's request mappings) against the table", AuthorizationTable.RESOURCE)
                .isEqualTo(endpoints(context));
    }

    @Test
    void everyRoleOfTheRealmIsACaller() throws IOException {
        List<String> roleColumns = Arrays.stream(Caller.values()).map(Caller::label).toList();
        for (String realm : List.of("ctims-realm.json", "ctims-realm-production.json")) {
            Path file = AuthorizationTable.projectFile("infra/keycloak/src/main/resources/keycloak/" + realm);
            List<String> roles = JsonPath.read(Files.readString(file), "$.roles.realm[*].name");
            assertThat(roles).as("realm roles of %s", file).isNotEmpty();
            assertThat(roleColumns).as("caller columns against the realm roles of %s", file)
                    .containsAll(roles.stream().filter(role -> !KEYCLOAK_ROLES.contains(role) && !role.startsWith("default-roles-"))
                            .toList());
        }
    }

    @Test
    void docsSecurityHoldsTheTable() throws IOException {
        Path doc = AuthorizationTable.projectFile("docs/SECURITY.md");
        String table = String.join("\n", AuthorizationTable.linesOfTestClassPath());
        assertThat(Files.readString(doc).replace("\r\n", "\n"))
                .as("%s must hold the table %s of this service verbatim", doc, AuthorizationTable.RESOURCE)
                .contains(table);
    }

    @TestFactory
    Stream<DynamicTest> everyCallerGetsTheAnswerOfTheTable() {
        Fixture fixture = fixture();
        Map<Caller, String> tokensOf = AuthorizationTable.tokens(ServiceStartupChecks.tokens, fixture.school(),
                fixture.teacherStaffId(), fixture.otherSchool(), fixture.otherTeacherStaffId());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return AuthorizationTable.ofTestClassPath().stream().flatMap(row -> Arrays.stream(Caller.values()).map(caller -> DynamicTest.dynamicTest(
                row.request() + " as " + caller.label() + " → " + row.expected().get(caller), () -> {
                    boolean mayWrite = !row.method().equals("GET");
                    String before = mayWrite ? fingerprint(jdbc, fixture) : null;
                    int expected = row.expected().get(caller);
                    HttpResponse<String> answer = send(row, fixture, tokensOf.get(caller));
                    assertThat(answer.statusCode())
                            .as("%s as %s answered %s", row.request(), caller.label(), abbreviated(answer.body()))
                            .isEqualTo(expected);
                    if (expected < 300 && (caller == Caller.OTHER_SCHOOL_TEACHER || caller == Caller.OTHER_SCHOOL_ADMIN)) {
                        assertThat(answer.body()).as("what %s answered another school's user", row.request())
                                .doesNotContain(fixture.school());
                    }
                    if (expected >= 400) {
                        assertThat(answer.headers().firstValue("Content-Type")).as("content type of a refusal")
                                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                        if (mayWrite) {
                            assertThat(fingerprint(jdbc, fixture)).as("data after a refused %s", row.request())
                                    .isEqualTo(before);
                        }
                    }
                })));
    }

    /** Every endpoint of the application as {@code METHOD /pattern}, framework endpoints (error page, OpenAPI) aside. */
    public static TreeSet<String> endpoints(ApplicationContext context) {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        TreeSet<String> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().forEach((info, method) -> {
            String type = method.getBeanType().getName();
            if (type.startsWith("org.springframework.") || type.startsWith("org.springdoc.")) {
                return;
            }
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("ANY")
                    : info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
            for (String pattern : info.getPatternValues()) {
                methods.forEach(m -> endpoints.add(m + " " + pattern));
            }
        });
        return endpoints;
    }

    private HttpResponse<String> send(Row row, Fixture fixture, String token) throws IOException, InterruptedException {
        Body body = null;
        if (row.bodyName() != null) {
            body = fixture.bodies().get(row.bodyName());
            assertThat(body).as("body '%s' of the fixture", row.bodyName()).isNotNull();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + row.path(fixture.values())))
                .timeout(Duration.ofSeconds(30))
                .method(row.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body.content()));
        if (body != null) {
            builder.header("Content-Type", body.contentType());
            body.headers().forEach(builder::header);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String fingerprint(JdbcTemplate jdbc, Fixture fixture) {
        return jdbc.queryForList(fixture.fingerprintSql()).toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
