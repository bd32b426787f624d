package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.ctims.testing.security.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every kind of response the gateway gives — the web client's page and static files, an API answer
 * relayed from a service, the gateway's own API, its problem details (401, 403, 404, 413, 503), the
 * login redirects and the sign-out — carries the browser-protection headers, asked for over plain
 * HTTP and through a TLS-terminating proxy ({@code X-Forwarded-Proto: https}); HSTS only in the
 * second case. API answers are never cacheable, even when a service says they are.
 */
@SpringBootTest(properties = {"CTIMS_GATEWAY_FORWARD_HEADERS=framework", "CTIMS_GATEWAY_MAX_REQUEST_SIZE=1KB"})
@Import(GatewayTestSupport.KnownTokens.class)
class SecurityHeadersTests {

    static final RecordingService services = RecordingService.start();
    static final String BEARER = "Bearer " + GatewayTestSupport.TEACHER_TOKEN;

    @Autowired
    ApplicationContext context;

    @Autowired
    ReactiveClientRegistrationRepository registrations;

    WebTestClient client;

    /** Where the login goes: a sign-in starts only while the issuer answers. */
    static final TestTokens keycloak = TestTokens.start();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("CTIMS_ISSUER_URI", keycloak::issuer);
        GatewayTestSupport.routeEveryServiceToAClosedPort(registry);
        for (String service : List.of("ROSTER", "FOLLOWUP", "REPORT")) {
            registry.add("CTIMS_" + service + "_URL", services::url);
        }
        // a service that got its caching wrong: the gateway must not let a browser or proxy keep student data
        services.answerHeaders.put(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    }

    @AfterAll
    static void stop() {
        keycloak.close();
        services.close();
    }

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient()
                .baseUrl("http://ctims.example.org").responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** One request per kind of response: its expected status, and whether it is an API answer. */
    record Kind(int status, boolean api, Function<WebTestClient, WebTestClient.RequestHeadersSpec<?>> request) {
    }

    private Map<String, Kind> kinds() {
        var keycloak = registrations.findByRegistrationId("keycloak").block();
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("the web client's page", new Kind(200, false, c -> c.mutateWith(mockOidcLogin()).get().uri("/")));
        kinds.put("its stylesheet", new Kind(200, false, c -> c.mutateWith(mockOidcLogin()).get().uri("/app.css")));
        kinds.put("a script module", new Kind(200, false, c -> c.mutateWith(mockOidcLogin()).get().uri("/js/app.js")));
        kinds.put("a static file that does not exist", new Kind(404, false,
                c -> c.mutateWith(mockOidcLogin()).get().uri("/no-such-file.js")));
        kinds.put("the web client without a session (login redirect)", new Kind(302, false, c -> c.get().uri("/")));
        kinds.put("the start of the login (redirect to Keycloak)", new Kind(302, false,
                c -> c.get().uri("/oauth2/authorization/keycloak")));
        kinds.put("the sign-out", new Kind(302, false, c -> c.mutateWith(csrf())
                .mutateWith(mockOidcLogin().clientRegistration(keycloak)).post().uri("/logout")));
        kinds.put("the health probe", new Kind(200, false, c -> c.get().uri("/actuator/health/readiness")));
        kinds.put("an API answer relayed from a service (bearer)", new Kind(200, true,
                c -> c.get().uri("/api/followups/reports?org=10001&year=2018-2019").header(HttpHeaders.AUTHORIZATION, BEARER)));
        kinds.put("an API answer relayed from a service (session)", new Kind(200, true,
                c -> c.mutateWith(mockOidcLogin()).get().uri("/api/reports/teacher-summary?org=10001&year=2018-2019")));
        kinds.put("a change relayed from a session with its CSRF token", new Kind(200, true,
                c -> c.mutateWith(csrf()).mutateWith(mockOidcLogin()).put().uri("/api/followups/reports/1")
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")));
        kinds.put("the gateway's own API (/api/me)", new Kind(200, true,
                c -> c.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, BEARER)));
        kinds.put("401 without credentials", new Kind(401, true, c -> c.get().uri("/api/followups/reports")));
        kinds.put("401 with a bad token", new Kind(401, true,
                c -> c.get().uri("/api/followups/reports").header(HttpHeaders.AUTHORIZATION, "Bearer forged")));
        kinds.put("403 csrf", new Kind(403, true, c -> c.mutateWith(mockOidcLogin()).post().uri("/api/followups/reports")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")));
        kinds.put("403 forbidden", new Kind(403, false, c -> c.mutateWith(mockOidcLogin()).get().uri("/actuator/env")));
        kinds.put("404 no such API", new Kind(404, true,
                c -> c.get().uri("/api/no-such-service/x").header(HttpHeaders.AUTHORIZATION, BEARER)));
        kinds.put("413 request too large", new Kind(413, true, c -> c.post().uri("/api/followups/reports")
                .header(HttpHeaders.AUTHORIZATION, BEARER).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"x\":\"" + "a".repeat(4096) + "\"}")));
        kinds.put("503 service unavailable", new Kind(503, true,
                c -> c.get().uri("/api/certifications/assessments").header(HttpHeaders.AUTHORIZATION, BEARER)));
        return kinds;
    }

    @TestFactory
    Stream<DynamicTest> everyResponseCarriesTheHeaders() {
        return kinds().entrySet().stream().flatMap(kind -> Stream.of(false, true).map(tls ->
                dynamicTest(kind.getKey() + (tls ? " behind TLS" : " over plain HTTP"), () -> check(kind.getValue(), tls))));
    }

    private void check(Kind kind, boolean tls) {
        WebTestClient.RequestHeadersSpec<?> request = kind.request().apply(client);
        if (tls) {
            request.header("X-Forwarded-Proto", "https");
        }
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        HttpHeaders headers = result.getResponseHeaders();
        assertThat(result.getStatus().value()).as("status").isEqualTo(kind.status());

        assertThat(headers.get("Content-Security-Policy")).as("Content-Security-Policy").hasSize(1);
        String csp = headers.getFirst("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("'unsafe-inline'", "'unsafe-eval'", "script-src");
        assertThat(headers.get("X-Content-Type-Options")).isEqualTo(List.of("nosniff"));
        assertThat(headers.get("X-Frame-Options")).isEqualTo(List.of("DENY"));
        assertThat(headers.get("Referrer-Policy")).isEqualTo(List.of("same-origin"));
        if (tls) {
            assertThat(headers.get("Strict-Transport-Security")).as("HSTS behind TLS").hasSize(1);
            assertThat(headers.getFirst("Strict-Transport-Security")).matches("max-age=(\\d{8,}|3153[6-9]\\d{3}).*");
        } else {
            assertThat(headers.containsHeader("Strict-Transport-Security")).as("HSTS over plain HTTP").isFalse();
        }
        if (kind.api()) {
            assertThat(headers.get(HttpHeaders.CACHE_CONTROL)).as("Cache-Control of an API answer").hasSize(1);
            assertThat(headers.getCacheControl()).contains("no-store").doesNotContain("public", "max-age=3600");
        }
        if (kind.api() && kind.status() >= 400) {
            assertThat(headers.getContentType()).as("a problem details answer").isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        }
    }
}
