package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.ctims.testing.security.TestTokens.TokenSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A real sign-in through the authorization-code flow (the test issuer answers the token request
 * with a signed ID token carrying the gateway's nonce): the session a browser held before the
 * login is not the one after it, and the one from before is not signed in (session fixation);
 * a change from the signed-in session without or with a wrong CSRF token is refused and reaches
 * no service.
 */
@SpringBootTest
class SessionTests extends FilterChainTests {

    @RegisterExtension
    static final StandIns standIns = StandIns.start();

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        standIns.register(registry);
    }

    static final CodeFlowSignIn signIn = CodeFlowSignIn.serve(standIns.keycloak,
            TokenSpec.person("teacher-a", List.of("teacher"), List.of("10001"), "700001"), standIns.keycloak.teacher("700001", "10001"));

    @Test
    void theSessionIdChangesAtSignInAndTheOneFromBeforeIsNotSignedIn() {
        String before = sessionBeforeSignIn();
        String after = signIn(before);

        assertThat(after).as("session after sign-in").isNotNull().isNotEqualTo(before);
        client.get().uri("/api/me").cookie("SESSION", after).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("teacher-a");
        // a session id planted in the browser before the login (fixation) gives its owner nothing
        client.get().uri("/api/me").cookie("SESSION", before).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        client.get().uri("/").cookie("SESSION", before).exchange()
                .expectStatus().isFound()
                .expectHeader().location("/oauth2/authorization/keycloak");
    }

    @Test
    void aChangeFromASignedInSessionNeedsTheRightCsrfToken() {
        String session = signIn(sessionBeforeSignIn());
        ResponseCookie xsrf = client.get().uri("/api/me").cookie("SESSION", session).exchange()
                .expectStatus().isOk()
                .returnResult(Void.class).getResponseCookies().getFirst("XSRF-TOKEN");
        assertThat(xsrf).isNotNull();
        String path = "/api/followups/reports/" + UUID.randomUUID();

        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
            standIns.services.requests.clear();
            refused(client.method(method).uri(path).cookie("SESSION", session).cookie("XSRF-TOKEN", xsrf.getValue()),
                    method + " without the token");
            refused(client.method(method).uri(path).cookie("SESSION", session).cookie("XSRF-TOKEN", xsrf.getValue())
                    .header("X-XSRF-TOKEN", "not-" + xsrf.getValue()), method + " with a wrong token");
            refused(client.method(method).uri(path).cookie("SESSION", session)
                    .header("X-XSRF-TOKEN", xsrf.getValue()), method + " with the token but not the cookie");
            assertThat(standIns.services.requests).as("calls the services received").isEmpty();

            client.method(method).uri(path).cookie("SESSION", session).cookie("XSRF-TOKEN", xsrf.getValue())
                    .header("X-XSRF-TOKEN", xsrf.getValue())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange().expectStatus().isOk();
            assertThat(standIns.services.requests).as("the same change with the token").hasSize(1);
        }
    }

    private static void refused(WebTestClient.RequestBodySpec request, String what) {
        EntityExchangeResult<String> answer = request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectBody(String.class).returnResult();
        assertThat(answer.getStatus().value()).as(what).isEqualTo(403);
        assertThat(answer.getResponseHeaders().getContentType()).as(what).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
        assertThat(answer.getResponseBody()).as(what).contains("https://ctims.org/problems/csrf");
    }

    private String sessionBeforeSignIn() {
        return signIn.sessionBeforeSignIn(client);
    }

    private String signIn(String session) {
        return signIn.signIn(client, session);
    }
}
