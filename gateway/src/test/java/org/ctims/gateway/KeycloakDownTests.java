package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.ctims.testing.security.TestTokens.TokenSpec;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Keycloak (here the test issuer) stops answering: users signed in before keep working while their
 * access token is valid; a new sign-in gets the sign-in-unavailable page (503, the product's look);
 * an API call whose token needs a refresh gets 503 problem details and reaches no service; a
 * token endpoint that hangs is given up on after the configured time limit.
 */
@SpringBootTest(properties = {"ctims.oidc.timeout=1s", "ctims.oidc.connect-timeout=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakDownTests extends FilterChainTests {

    @RegisterExtension
    static final StandIns standIns = StandIns.start();

    static final CodeFlowSignIn signIn = CodeFlowSignIn.serve(standIns.keycloak,
            TokenSpec.person("teacher-a", List.of("teacher"), List.of("10001"), "700001"), standIns.keycloak.teacher("700001", "10001"));

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        standIns.register(registry);
    }

    @Test
    @Order(1)
    void aTokenEndpointThatDoesNotAnswerEndsTheSignInWithThePageAfterTheTimeLimit() throws Exception {
        String session = signIn.sessionBeforeSignIn(client);
        // the stand-in answers after 10 s, with a valid sign-in: the page means the gateway gave up first (1 s limit)
        withSlowTokenEndpoint(() -> {
            EntityExchangeResult<String> answer = signIn.callback(client, session).expectBody(String.class).returnResult();
            unavailablePage(answer);
        });
        issuerAnswersAgain();
    }

    /** The test issuer answers one request at a time: this one is answered once the slow one is done. */
    private static void issuerAnswersAgain() throws IOException, InterruptedException {
        HttpResponse<Void> keys = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(standIns.keycloak.issuer() + "/protocol/openid-connect/certs"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(keys.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void whileKeycloakIsDownSignedInUsersKeepWorkingAndNewSignInsGetAClearAnswer() {
        String valid = signIn.signIn(client, signIn.sessionBeforeSignIn(client));
        // another teacher, whose access token is within the minute before expiry in which the gateway refreshes it
        signIn.user.set(TokenSpec.person("teacher-b", List.of("teacher"), List.of("10001"), "700002"));
        signIn.expiresIn.set(30);
        String expiring = signIn.signIn(client, signIn.sessionBeforeSignIn(client));
        client.get().uri("/api/followups/reports").cookie("SESSION", valid).exchange().expectStatus().isOk();

        standIns.keycloak.close();
        standIns.services.requests.clear();

        // the access token in the session is still valid: relayed as before
        client.get().uri("/api/followups/reports").cookie("SESSION", valid).exchange()
                .expectStatus().isOk();
        assertThat(standIns.services.requests).hasSize(1);

        // a new sign-in: the page instead of a redirect to a Keycloak that is not there
        client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound().expectHeader().location("/oauth2/authorization/keycloak");
        unavailablePage(client.get().uri("/oauth2/authorization/keycloak").accept(MediaType.TEXT_HTML).exchange()
                .expectBody(String.class).returnResult());
        client.get().uri("/app.css").exchange().expectStatus().isOk();

        // the expiring token cannot be refreshed: 503 problem details, nothing reaches the service
        standIns.services.requests.clear();
        client.get().uri("/api/followups/reports").cookie("SESSION", expiring).exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ctims.org/problems/sign-in-unavailable")
                .jsonPath("$.status").isEqualTo(503);
        assertThat(standIns.services.requests).as("calls the services received").isEmpty();
    }

    private static void unavailablePage(EntityExchangeResult<String> answer) {
        assertThat(answer.getStatus().value()).isEqualTo(503);
        assertThat(answer.getResponseHeaders().getContentType()).isNotNull()
                .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).isTrue());
        assertThat(answer.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("60");
        assertThat(answer.getResponseBody())
                .contains("Sign-in is unavailable", "Try again in a few minutes", "href=\"/app.css\"")
                .doesNotContain("Whitelabel", "Exception");
    }

    private static void withSlowTokenEndpoint(Runnable action) {
        signIn.tokenDelay.set(Duration.ofSeconds(10));
        try {
            action.run();
        } finally {
            signIn.tokenDelay.set(Duration.ZERO);
        }
    }
}
