package org.ctims.testing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.jayway.jsonpath.JsonPath;
import org.ctims.testing.BackupRoundTrip;
import org.ctims.testing.service.AuthorizationMatrix.Body;
import org.ctims.testing.service.AuthorizationTable.Caller;
import org.ctims.testing.service.AuthorizationTable.Row;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.http.server.PathContainer;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Hostile input against every endpoint of one service ({@link HostileCorpus}). The endpoints and
 * their inputs (path variables, query parameters, headers, JSON bodies, uploaded files) are read
 * from the running application's request mappings, so a new endpoint or parameter gets the corpus
 * without anyone writing a case, and an input of a kind the corpus does not know fails the build.
 *
 * <p>Each endpoint is called as in the service's authorization table (its row's request, by the
 * first of the school's users, state staff and machine clients that the table lets through), with
 * one input at a time replaced by a hostile value. Every answer must be a 4xx (never 401: the
 * token is valid) in {@code application/problem+json} with the status in the body and no stack
 * trace, exception or SQL text, and every table of the service's schema must hold the same rows
 * afterwards (count and digest of the rows' text, {@link BackupRoundTrip#tables}) — all but the
 * audit log, which records the refused calls by design, the outbox, which the relay empties
 * of earlier tests' events, and what {@link Fixture#changingTables} names. Free-text search
 * parameters ({@link Fixture#freeText}) may answer 2xx: any text is a valid search.
 *
 * <p>The figures of the run (endpoints, cases, answers) are a row that {@code docs/SECURITY.md}
 * must hold verbatim; the row is also written to {@code target/hostile-input.md}.
 */
public abstract class HostileInput {

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** What an answer must never show: parser or database internals. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "at org.", "at java.", "SQL", "select ",
            "insert into", "org.postgresql", "jdbc", "tools.jackson", "com.fasterxml", "org.apache");
    private static final Set<Caller> CALLERS = Set.of(Caller.TEACHER, Caller.SCHOOL_ADMIN, Caller.STATE_ADMIN,
            Caller.REPORT_CONSUMER, Caller.SIS_INTEGRATION);

    /**
     * A valid JSON body of an endpoint, as a tree of maps, lists and values.
     *
     * @param headers sent with it (e.g. the current {@code If-Match})
     */
    public record JsonBody(Map<String, Object> value, Map<String, String> headers) {
    }

    /**
     * What the corpus runs with.
     *
     * @param requests the authorization matrix's fixture: the school, the values of the table's
     *        placeholders and its bodies
     * @param otherSchoolValues a value of the school's (its PID, a report id) → the same kind of
     *        value of another school; sent wherever the first appears
     * @param jsonBodies by endpoint ({@code PUT /api/x/{id}}): a valid body, which the corpus spoils
     * @param freeText names of query parameters and body fields where any text is valid (a search), or
     *        {@code METHOD /pattern name} for a parameter that is a search on that endpoint only
     * @param changingTables tables of the schema that change by design while the corpus runs, each with the reason
     */
    public record Fixture(AuthorizationMatrix.Fixture requests, Map<String, String> otherSchoolValues,
                          Map<String, JsonBody> jsonBodies, Set<String> freeText, Map<String, String> changingTables) {
    }

    /** One request of the corpus. */
    private record Case(String name, String method, String pathAndQuery, String contentType, byte[] body,
                        Map<String, String> headers, boolean freeText) {
    }

    @LocalServerPort
    private int port;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private DataSource dataSource;

    private final TreeMap<Integer, AtomicInteger> answers = new TreeMap<>();
    private final AtomicInteger searchesAnswered = new AtomicInteger();
    private final AtomicInteger casesRun = new AtomicInteger();
    private final AtomicInteger fingerprints = new AtomicInteger();

    protected abstract Fixture fixture();

    @TestFactory
    Stream<DynamicNode> everyEndpointRefusesHostileInputAndKeepsItsData() throws Exception {
        Fixture fixture = fixture();
        AuthorizationMatrix.Fixture requests = fixture.requests();
        Map<Caller, String> tokensOf = AuthorizationTable.tokens(ServiceStartupChecks.tokens, requests.school(),
                requests.teacherStaffId(), requests.otherSchool(), requests.otherTeacherStaffId());
        Map<String, Row> rows = AuthorizationTable.ofTestClassPath().stream()
                .collect(Collectors.toMap(Row::endpoint, row -> row, (a, b) -> a, LinkedHashMap::new));
        Map<String, HandlerMethod> handlers = handlers();
        assertThat(rows.keySet()).as("endpoints of the table against the application's").containsExactlyInAnyOrderElementsOf(handlers.keySet());
        long maxBody = DataSize.parse(context.getEnvironment().getProperty("ctims.http.max-body-size", "1MB")).toBytes();
        String schema;
        try (Connection connection = dataSource.getConnection()) {
            schema = connection.getSchema();
        }
        List<DynamicNode> nodes = new ArrayList<>();
        int withInput = 0;
        for (Map.Entry<String, HandlerMethod> endpoint : new TreeMap<>(handlers).entrySet()) {
            Row row = rows.get(endpoint.getKey());
            List<Case> cases = cases(endpoint.getKey(), endpoint.getValue(), row, fixture, maxBody);
            if (cases.isEmpty()) {
                continue;
            }
            withInput++;
            Caller caller = row.expected().entrySet().stream()
                    .filter(e -> CALLERS.contains(e.getKey()) && e.getValue() != 401 && e.getValue() != 403 && e.getValue() != 404)
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new AssertionError("no caller of the table may call " + row.endpoint()));
            String token = tokensOf.get(caller);
            Map<String, BackupRoundTrip.Table>[] before = new Map[1];
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("stored data before", () -> before[0] = fingerprint(schema, fixture)));
            for (Case c : cases) {
                tests.add(DynamicTest.dynamicTest(c.name(), () -> run(c, token)));
            }
            tests.add(DynamicTest.dynamicTest("stored data unchanged", () ->
                    assertThat(fingerprint(schema, fixture)).as("tables of %s after the hostile input to %s", schema, row.endpoint())
                            .isEqualTo(before[0])));
            nodes.add(DynamicContainer.dynamicContainer(endpoint.getKey() + " as " + caller.label() + " (" + cases.size() + " cases)", tests));
        }
        int endpoints = handlers.size();
        int endpointsWithInput = withInput;
        nodes.add(DynamicTest.dynamicTest("docs/SECURITY.md holds the figures of this run", () -> {
            String service = context.getEnvironment().getProperty("spring.application.name", "service");
            String figures = "| " + service + " | " + endpoints + " | " + endpointsWithInput + " | " + casesRun.get() + " | "
                    + answers.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue().get()).collect(Collectors.joining(", "))
                    + " | " + searchesAnswered.get() + " | " + fingerprints.get() + " |";
            Path report = Path.of("target", "hostile-input.md");
            Files.createDirectories(report.getParent());
            Files.writeString(report, figures + "\n");
            Path doc = AuthorizationTable.projectFile("docs/SECURITY.md");
            assertThat(Files.readString(doc)).as("%s must hold the measured figures of %s", doc, service).contains(figures);
        }));
        return nodes.stream();
    }

    private void run(Case c, String token) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.pathAndQuery()))
                .timeout(Duration.ofSeconds(60))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()))
                .header("Authorization", "Bearer " + token);
        if (c.contentType() != null) {
            builder.header("Content-Type", c.contentType());
        }
        c.headers().forEach(builder::header);
        HttpResponse<String> answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        casesRun.incrementAndGet();
        int status = answer.statusCode();
        String body = answer.body();
        String shown = body.length() > 400 ? body.substring(0, 400) + "…" : body;
        if (c.freeText() && status < 300) {
            searchesAnswered.incrementAndGet();
            return;
        }
        answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
        assertThat(status).as("%s %s answered %s", c.method(), abbreviated(c.pathAndQuery()), shown).isBetween(400, 499).isNotEqualTo(401);
        assertThat(answer.headers().firstValue("Content-Type")).as("content type of the refusal %s", shown)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat((Integer) JsonPath.read(body, "$.status")).as("status in the problem details").isEqualTo(status);
        assertThat((String) JsonPath.read(body, "$.title")).as("title of the problem details").isNotBlank();
        for (String leak : LEAKS) {
            assertThat(body).as("the refusal shows no internals").doesNotContain(leak);
        }
    }

    private Map<String, BackupRoundTrip.Table> fingerprint(String schema, Fixture fixture) throws Exception {
        fingerprints.incrementAndGet();
        try (Connection connection = dataSource.getConnection()) {
            Map<String, BackupRoundTrip.Table> tables = new TreeMap<>(BackupRoundTrip.tables(connection, schema));
            tables.keySet().removeIf(name -> name.startsWith("audit_") || name.equals("outbox")
                    || fixture.changingTables().containsKey(name));
            assertThat(tables).as("tables of %s", schema).isNotEmpty();
            return tables;
        }
    }

    /** Every endpoint ({@code METHOD /pattern}) of the application's own controllers, with its handler. */
    private Map<String, HandlerMethod> handlers() {
        RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        Map<String, HandlerMethod> handlers = new LinkedHashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mapping.getHandlerMethods().entrySet()) {
            String type = e.getValue().getBeanType().getName();
            if (type.startsWith("org.springframework.") || type.startsWith("org.springdoc.")) {
                continue;
            }
            List<String> methods = e.getKey().getMethodsCondition().getMethods().isEmpty() ? List.of("ANY")
                    : e.getKey().getMethodsCondition().getMethods().stream().map(Enum::name).toList();
            for (String pattern : e.getKey().getPatternValues()) {
                methods.forEach(m -> handlers.put(m + " " + pattern, e.getValue()));
            }
        }
        assertThat(handlers.keySet()).as("endpoints found the way the authorization matrix finds them")
                .containsExactlyInAnyOrderElementsOf(AuthorizationMatrix.endpoints(context));
        return handlers;
    }

    private List<Case> cases(String endpoint, HandlerMethod handler, Row row, Fixture fixture, long maxBody) {
        String method = row.method();
        String pattern = endpoint.substring(endpoint.indexOf(' ') + 1);
        String concrete = row.path(fixture.requests().values());
        String path = concrete.contains("?") ? concrete.substring(0, concrete.indexOf('?')) : concrete;
        Map<String, String> query = new LinkedHashMap<>();
        if (concrete.contains("?")) {
            for (String pair : concrete.substring(concrete.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length == 2 ? kv[1] : "");
            }
        }
        PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
        PathPattern.PathMatchInfo match = parsed.matchAndExtract(PathContainer.parsePath(path));
        assertThat(match).as("the table's request %s matches %s", row.request(), pattern).isNotNull();
        Map<String, String> pathVars = new LinkedHashMap<>(match.getUriVariables());

        // the body every case sends unless it is the body that is hostile
        JsonBody json = fixture.jsonBodies().get(endpoint);
        Body rowBody = row.bodyName() == null ? null : fixture.requests().bodies().get(row.bodyName());
        String baseType = json != null ? "application/json" : rowBody == null ? null : rowBody.contentType();
        byte[] baseBody = json != null ? HostileCorpus.Json.write(json.value()).getBytes(StandardCharsets.UTF_8)
                : rowBody == null ? null : rowBody.content();
        Map<String, String> baseHeaders = json != null ? json.headers() : rowBody == null ? Map.of() : rowBody.headers();

        List<Case> cases = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            RequestHeader requestHeader = parameter.getParameterAnnotation(RequestHeader.class);
            boolean upload = parameter.hasParameterAnnotation(RequestPart.class) || MultipartFile.class.isAssignableFrom(parameter.getParameterType());
            if (upload) {
                String part = name(parameter.getParameterAnnotation(RequestPart.class), parameter);
                String q = queryString(query);
                for (HostileCorpus.Upload u : HostileCorpus.uploads()) {
                    Body b = Body.multipart(part, u.fileName(), u.content());
                    cases.add(new Case("upload: " + u.name(), method, path + q, b.contentType(), b.content(), Map.of(), false));
                }
                cases.add(new Case("upload: a multipart body that is not multipart", method, path + q,
                        "multipart/form-data; boundary=hostile-" + UUID.randomUUID(), "no parts at all\r\n".getBytes(StandardCharsets.UTF_8), Map.of(), false));
                cases.add(new Case("upload: JSON instead of a file", method, path + q, "application/json",
                        "{\"file\": \"../../etc/passwd\"}".getBytes(StandardCharsets.UTF_8), Map.of(), false));
            } else if (parameter.hasParameterAnnotation(RequestBody.class)) {
                assertThat(json).as("a valid JSON body for %s in the fixture (jsonBodies), which the corpus spoils", endpoint).isNotNull();
                String target = path + queryString(query);
                for (HostileCorpus.JsonCase j : HostileCorpus.jsonBodies(json.value(), fixture.freeText(), maxBody)) {
                    cases.add(new Case("body: " + j.name(), method, target, "application/json", j.content(), json.headers(), false));
                }
                cases.add(new Case("body: as text/plain", method, target, "text/plain", baseBody, json.headers(), false));
                cases.add(new Case("body: as XML with an external entity", method, target, "application/xml",
                        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>"
                                .getBytes(StandardCharsets.UTF_8), json.headers(), false));
            } else if (pathVariable != null) {
                String name = name(pathVariable, parameter);
                assertThat(pathVars).as("path variable %s of %s", name, endpoint).containsKey(name);
                for (Map.Entry<String, String> v : hostileValues(pathVars.get(name), fixture, true).entrySet()) {
                    Map<String, String> vars = new LinkedHashMap<>(pathVars);
                    vars.put(name, v.getValue());
                    cases.add(new Case("path {" + name + "}: " + v.getKey(), method, expand(pattern, vars) + queryString(query),
                            baseType, baseBody, baseHeaders, false));
                }
            } else if (requestHeader != null) {
                String name = name(requestHeader, parameter);
                for (String v : List.of("\"x' OR '1'='1\"", "\"99999999999\"", "\"-1\"", "\"<script>alert(1)</script>\"", "not-quoted")) {
                    Map<String, String> headers = new LinkedHashMap<>(baseHeaders);
                    headers.put(name, v);
                    cases.add(new Case("header " + name + ": " + v, method, path + queryString(query), baseType, baseBody, headers, false));
                }
            } else if (requestParam != null || (parameter.getParameterAnnotations().length == 0
                    && BeanUtils.isSimpleProperty(parameter.getParameterType()))) {
                String name = name(requestParam, parameter);
                boolean freeText = fixture.freeText().contains(name) || fixture.freeText().contains(endpoint + " " + name);
                for (Map.Entry<String, String> v : hostileValues(query.get(name), fixture, false).entrySet()) {
                    Map<String, String> q = new LinkedHashMap<>(query);
                    q.put(name, v.getValue());
                    cases.add(new Case("query " + name + ": " + v.getKey(), method, path + queryString(q),
                            baseType, baseBody, baseHeaders, freeText && !v.getKey().equals("huge string")));
                }
            } else {
                for (Annotation a : parameter.getParameterAnnotations()) {
                    String type = a.annotationType().getName();
                    assertThat(type.startsWith("org.springframework.web.bind.annotation."))
                            .as("%s of %s is an input (@%s) the hostile corpus does not cover", parameter, endpoint, a.annotationType().getSimpleName())
                            .isFalse();
                }
            }
        }
        return cases;
    }

    /** Hostile values by name, raw except the percent-encoded invalid UTF-8 (marked by a prefix). */
    private static Map<String, String> hostileValues(String current, Fixture fixture, boolean inPath) {
        Map<String, String> values = new LinkedHashMap<>();
        for (HostileCorpus.Value v : HostileCorpus.PARAMETER_VALUES) {
            values.put(v.name(), v.text());
        }
        values.put("invalid UTF-8", ENCODED + HostileCorpus.INVALID_UTF8_ENCODED);
        if (current != null && fixture.otherSchoolValues().containsKey(current)) {
            values.put("another school's", fixture.otherSchoolValues().get(current));
        }
        if (current != null) {
            values.put("unknown id of the same form", current.replaceAll("[0-9]", "9").replaceAll("[a-f]", "f"));
            if (values.get("unknown id of the same form").equals(current)) {
                values.remove("unknown id of the same form");
            }
        }
        return values;
    }

    private static final String ENCODED = "\u0000encoded:";

    private static String encode(String value, boolean inPath) {
        if (value.startsWith(ENCODED)) {
            return value.substring(ENCODED.length());
        }
        return inPath ? UriUtils.encodePathSegment(value, StandardCharsets.UTF_8) : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return "?" + query.entrySet().stream().map(e -> e.getKey() + "=" + encode(e.getValue(), false)).collect(Collectors.joining("&"));
    }

    private static String expand(String pattern, Map<String, String> vars) {
        String path = pattern;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            path = path.replaceAll("\\{" + v.getKey() + "(:[^}]*)?}", java.util.regex.Matcher.quoteReplacement(encode(v.getValue(), true)));
        }
        return path;
    }

    private static String name(Annotation annotation, MethodParameter parameter) {
        String name = "";
        if (annotation instanceof PathVariable p) {
            name = p.name().isEmpty() ? p.value() : p.name();
        } else if (annotation instanceof RequestParam p) {
            name = p.name().isEmpty() ? p.value() : p.name();
        } else if (annotation instanceof RequestHeader p) {
            name = p.name().isEmpty() ? p.value() : p.name();
        } else if (annotation instanceof RequestPart p) {
            name = p.name().isEmpty() ? p.value() : p.name();
        }
        return name.isEmpty() ? parameter.getParameterName() : name;
    }

    private static String abbreviated(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
