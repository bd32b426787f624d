package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ctims.testing.security.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest
@Import(GatewayTestSupport.KnownTokens.class)
class GatewaySecurityTests {

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
    }

    @BeforeEach
    void setUp() {
        // the default 5 s is too short when a build shares a busy machine
        client = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient()
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void apiCallsWithoutCredentialsGetA401ProblemNotALoginRedirect() {
        client.get().uri("/api/roster/organizations").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.type").isEqualTo("https://ctims.org/problems/unauthenticated");
    }

    @Test
    void meWithoutCredentialsIsA401Problem() {
        client.get().uri("/api/me").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void anInvalidBearerTokenIsA401ProblemNamingTheToken() {
        client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer forged").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void theWebClientWithoutSessionRedirectsToTheKeycloakLogin() {
        client.get().uri("/").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/keycloak");
    }

    @Test
    void theWebClientsModulesNeedASignIn() {
        client.get().uri("/js/app.js").exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/keycloak");
    }

    /** Every module the page imports, followed from index.html, is served as JavaScript: no broken import path. */
    @Test
    void everyModuleOfTheWebClientIsServedAsJavaScript() throws IOException {
        Pattern imports = Pattern.compile("(?:import|from)\\s+'\\./([a-z-]+\\.js)'");
        Deque<String> pending = new ArrayDeque<>(List.of("js/app.js"));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String module = pending.pop();
            if (!seen.add(module)) {
                continue;
            }
            client.mutateWith(mockOidcLogin()).get().uri("/" + module).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(new MediaType("text", "javascript"));
            Matcher m = imports.matcher(staticText(module));
            while (m.find()) {
                pending.push("js/" + m.group(1));
            }
        }
        assertThat(seen).contains("js/api.js", "js/start.js", "js/students.js", "js/report.js", "js/drafts.js");
        assertThat(staticText("index.html")).contains("src=\"/js/app.js\"");
    }

    @Test
    void theWebClientMayRunOnlyItsOwnScripts() {
        client.mutateWith(mockOidcLogin()).get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("default-src 'self'")
                        .doesNotContain("unsafe-inline", "unsafe-eval"));
    }

    private static String staticText(String path) throws IOException {
        try (InputStream in = GatewaySecurityTests.class.getResourceAsStream("/static/" + path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theLoginStartsAnAuthorizationCodeFlowWithPkceAtKeycloak() {
        String location = client.get().uri("http://localhost:8080/oauth2/authorization/keycloak").exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();

        assertThat(location)
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?")
                .contains("response_type=code", "client_id=gateway", "code_challenge_method=S256",
                        "redirect_uri=http://localhost:8080/login/oauth2/code/keycloak")
                .containsPattern("scope=openid(%20|\\+)profile(%20|\\+)email");
    }

    @Test
    void meWithABearerTokenShowsTheCtimsRolesAndSchools() {
        client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayTestSupport.TEACHER_TOKEN)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("teacher-a")
                .jsonPath("$.name").isEqualTo("Alice Adams")
                .jsonPath("$.roles").isEqualTo(List.of("teacher"))
                .jsonPath("$.organizations[0].pid").isEqualTo("10001")
                .jsonPath("$.organizations.length()").isEqualTo(1)
                .jsonPath("$.staffId").isEqualTo("700001");
    }

    @Test
    void meWithABrowserSessionReadsTheIdTokenClaims() {
        client.mutateWith(mockOidcLogin().idToken(token -> token.claims(claims -> claims.putAll(GatewayTestSupport.teacherClaims()))))
                .get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.subject").isEqualTo("35f3f1cd-a6b1-491b-beff-c899bfa17fe0")
                .jsonPath("$.roles").isEqualTo(List.of("teacher"))
                .jsonPath("$.organizations[0].pid").isEqualTo("10001")
                .jsonPath("$.staffId").isEqualTo("700001");
    }

    @Test
    void aChangeFromABrowserSessionWithoutCsrfTokenIsRejected() {
        client.mutateWith(mockOidcLogin())
                .post().uri("/api/followups/reports").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://ctims.org/problems/csrf");
    }

    @Test
    void aChangeFromABrowserSessionEchoingTheCsrfCookiePasses() {
        ResponseCookie xsrf = client.mutateWith(mockOidcLogin()).get().uri("/api/me").exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(xsrf).as("the page needs a readable XSRF-TOKEN cookie").isNotNull();
        assertThat(xsrf.isHttpOnly()).isFalse();

        // past CSRF the request is routed; the service is down, so the fallback answers
        client.mutateWith(mockOidcLogin())
                .post().uri("/api/followups/reports")
                .cookie("XSRF-TOKEN", xsrf.getValue())
                .header("X-XSRF-TOKEN", xsrf.getValue())
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void machineClientsWithBearerTokensNeedNoCsrfToken() {
        client.post().uri("/api/roster/imports")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayTestSupport.TEACHER_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503);
    }

    @Test
    void bearerCallersGetNeitherASessionNorACsrfCookie() {
        var cookies = client.get().uri("/api/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayTestSupport.TEACHER_TOKEN)
                .exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseCookies();

        assertThat(cookies).doesNotContainKeys("SESSION", "XSRF-TOKEN");
    }

    @Test
    void signingOutAlsoEndsTheKeycloakSession() {
        var registration = registrations.findByRegistrationId("keycloak").block();
        String location = client.mutateWith(csrf())
                .mutateWith(mockOidcLogin().clientRegistration(registration))
                .post().uri("http://localhost:8080/logout").exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();

        assertThat(location)
                .startsWith(keycloak.issuer() + "/protocol/openid-connect/logout?")
                .contains("id_token_hint=", "post_logout_redirect_uri=http://localhost:8080/");
    }

    @Test
    void healthIsPublicOtherActuatorEndpointsAreNot() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.mutateWith(mockOidcLogin()).get().uri("/actuator/env").exchange().expectStatus().isForbidden();
    }
}
