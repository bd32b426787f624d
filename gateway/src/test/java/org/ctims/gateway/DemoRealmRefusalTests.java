package org.ctims.gateway;

import java.util.List;

import org.ctims.testing.security.TestTokens;
import org.ctims.testing.security.TestTokens.TokenSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with the production profile (a real client secret, secure cookies, the test issuer on
 * the loopback) refuses what the demo realm issued (marker claim {@code ctims_demo}): a bearer token
 * with it is a 401 while one without passes, and a sign-in whose ID token carries it fails (back to
 * the login with an error) and leaves the session signed out.
 */
@SpringBootTest(properties = {"spring.profiles.active=production", "CTIMS_GATEWAY_CLIENT_SECRET=a-production-secret",
        "CTIMS_GATEWAY_SECURE_COOKIES=true"})
class DemoRealmRefusalTests extends FilterChainTests {

    static final String DEMO_REALM_CLAIM = "ctims_demo";
    static final TokenSpec TEACHER = TokenSpec.person("teacher-a", List.of("teacher"), List.of("10001"), "700001");
    static final TestTokens tokens = TestTokens.start();
    static final CodeFlowSignIn signIn = CodeFlowSignIn.serve(tokens, TEACHER.withClaim(DEMO_REALM_CLAIM, true),
            tokens.teacher("700001", "10001"));

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("CTIMS_ISSUER_URI", tokens::issuer);
    }

    @AfterAll
    static void stop() {
        tokens.close();
    }

    @Test
    void aDemoRealmBearerTokenIsRefusedAProductionOnePasses() {
        client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(TEACHER.withClaim(
                        DEMO_REALM_CLAIM, true)))
                .exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.type").isEqualTo("https://ctims.org/problems/unauthenticated");
        client.get().uri("/api/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.token(TEACHER))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.username").isEqualTo("teacher-a");
    }

    @Test
    void aDemoRealmIdTokenEndsTheSignIn() {
        String session = signIn.sessionBeforeSignIn(client);
        signIn.callback(client, session)
                .expectStatus().isFound()
                .expectHeader().location("/login?error");
        client.get().uri("/api/me").cookie("SESSION", session).exchange().expectStatus().isUnauthorized();
    }
}
