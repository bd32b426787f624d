package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.util.List;

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

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        GatewayTestSupport.routeEveryServiceToAClosedPort(registry);
    }

    @BeforeEach
    void setUp() {
        client = WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build();
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
    void theLoginStartsAnAuthorizationCodeFlowWithPkceAtKeycloak() {
        String location = client.get().uri("http://localhost:8080/oauth2/authorization/keycloak").exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();

        assertThat(location)
                .startsWith("http://127.0.0.1:8180/realms/ctims/protocol/openid-connect/auth?")
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
        var keycloak = registrations.findByRegistrationId("keycloak").block();
        String location = client.mutateWith(csrf())
                .mutateWith(mockOidcLogin().clientRegistration(keycloak))
                .post().uri("http://localhost:8080/logout").exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();

        assertThat(location)
                .startsWith("http://127.0.0.1:8180/realms/ctims/protocol/openid-connect/logout?")
                .contains("id_token_hint=", "post_logout_redirect_uri=http://localhost:8080/");
    }

    @Test
    void healthIsPublicOtherActuatorEndpointsAreNot() {
        client.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        client.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        client.mutateWith(mockOidcLogin()).get().uri("/actuator/env").exchange().expectStatus().isForbidden();
    }
}
