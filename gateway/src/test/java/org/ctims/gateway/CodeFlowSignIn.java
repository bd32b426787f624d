package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import org.ctims.testing.security.TestTokens;
import org.ctims.testing.security.TestTokens.TokenSpec;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A sign-in through the authorization-code flow against the test issuer: its token endpoint
 * answers with a signed ID token (of {@code idToken}, with the gateway's nonce) and an access token,
 * its user-info endpoint with the same subject. The browser's visit to Keycloak is skipped (the
 * code is made up); everything the gateway does is real.
 */
final class CodeFlowSignIn {

    private final AtomicReference<String> nonce = new AtomicReference<>();
    /** How long the access token of the next sign-in is valid, in seconds. */
    final AtomicInteger expiresIn = new AtomicInteger(300);
    /** How long the token endpoint waits before it answers (a Keycloak that hangs). */
    final AtomicReference<Duration> tokenDelay = new AtomicReference<>(Duration.ZERO);

    /** Who signs in next (the gateway keeps one authorized client per user, not per session). */
    final AtomicReference<TokenSpec> user = new AtomicReference<>();

    private CodeFlowSignIn(TestTokens tokens, TokenSpec idToken, String accessToken) {
        user.set(idToken);
        tokens.serve("token", exchange -> json(delayed(exchange, tokenDelay.get()), "{\"access_token\":\"" + accessToken
                + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn.get()
                + ",\"refresh_token\":\"a-refresh-token\",\"scope\":\"openid profile email\",\"id_token\":\""
                + tokens.token(user.get().withAudience("gateway").withClaim("nonce", nonce.get())) + "\"}"));
        tokens.serve("userinfo", exchange -> json(exchange, "{\"sub\":\"" + subject(user.get()) + "\",\"preferred_username\":\""
                + user.get().username() + "\"}"));
    }

    /** The subject TestTokens gives the user. */
    private static String subject(TokenSpec user) {
        return UUID.nameUUIDFromBytes(user.username().getBytes(StandardCharsets.UTF_8)).toString();
    }

    static CodeFlowSignIn serve(TestTokens tokens, TokenSpec idToken, String accessToken) {
        return new CodeFlowSignIn(tokens, idToken, accessToken);
    }

    /** The page without a session redirects to the login and opens a session to remember where to go back. */
    String sessionBeforeSignIn(WebTestClient client) {
        ResponseCookie session = client.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseCookies().getFirst("SESSION");
        assertThat(session).as("a session before the sign-in").isNotNull();
        return session.getValue();
    }

    /** Signs in and expects to land on the page; returns the session after the sign-in. */
    String signIn(WebTestClient client, String session) {
        var callback = callback(client, session)
                .expectStatus().isFound()
                .expectHeader().location("/")
                .returnResult(Void.class);
        ResponseCookie after = callback.getResponseCookies().getFirst("SESSION");
        return after == null ? session : after.getValue();
    }

    /** To the login, then back from Keycloak with a code and the state. */
    WebTestClient.ResponseSpec callback(WebTestClient client, String session) {
        URI authorize = client.get().uri("/oauth2/authorization/keycloak").cookie("SESSION", session).exchange()
                .expectStatus().isFound()
                .returnResult(Void.class).getResponseHeaders().getLocation();
        var query = UriComponentsBuilder.fromUri(authorize).build().getQueryParams();
        nonce.set(decoded(query.getFirst("nonce")));
        return client.get().uri(uri -> uri.path("/login/oauth2/code/keycloak")
                        .queryParam("code", "a-code").queryParam("state", decoded(query.getFirst("state"))).build())
                .cookie("SESSION", session).exchange();
    }

    private static HttpExchange delayed(HttpExchange exchange, Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return exchange;
    }

    private static String decoded(String queryValue) {
        return URLDecoder.decode(queryValue, StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
