package org.ctims.gateway;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ctims.testing.security.TestTokens;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.core.publisher.Mono;

/**
 * Lets the gateway run without Keycloak or services: a JWT decoder that knows one token, and
 * every route pointed at a port where nothing listens.
 */
final class GatewayTestSupport {

    static final String TEACHER_TOKEN = "teacher-a-token";

    private GatewayTestSupport() {
    }

    /** The claims of teacher-a's access token, shaped as Keycloak issues them for the ctims realm. */
    static Map<String, Object> teacherClaims() {
        return Map.of(
                "sub", "35f3f1cd-a6b1-491b-beff-c899bfa17fe0",
                "iss", "http://127.0.0.1:8180/realms/ctims",
                "aud", List.of("ctims-api", "account"),
                "preferred_username", "teacher-a",
                "name", "Alice Adams",
                "realm_access", Map.of("roles", List.of("teacher", "default-roles-ctims", "offline_access")),
                "org_pids", List.of("10001"),
                "staff_id", "700001");
    }

    /** A client of the whole filter chain, as a browser at localhost:8080 (the default 5 s is too short on a busy machine). */
    static WebTestClient client(ApplicationContext context) {
        return WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient()
                .baseUrl("http://localhost:8080").responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** Tokens from the test issuer, and every service's route to the one stand-in service. */
    static void issuerAndServices(DynamicPropertyRegistry registry, TestTokens tokens, RecordingService services) {
        registry.add("CTIMS_ISSUER_URI", tokens::issuer);
        for (String service : List.of("ROSTER", "FOLLOWUP", "CERTIFICATION", "REPORT")) {
            registry.add("CTIMS_" + service + "_URL", services::url);
        }
    }

    static void routeEveryServiceToAClosedPort(DynamicPropertyRegistry registry) {
        String nowhere = "http://127.0.0.1:" + closedPort();
        for (String service : List.of("ROSTER", "FOLLOWUP", "CERTIFICATION", "REPORT")) {
            registry.add("CTIMS_" + service + "_URL", () -> nowhere);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class KnownTokens {

        @Bean
        ReactiveJwtDecoder jwtDecoder() {
            return token -> TEACHER_TOKEN.equals(token)
                    ? Mono.just(Jwt.withTokenValue(token)
                            .header("alg", "RS256")
                            .claims(claims -> claims.putAll(teacherClaims()))
                            .issuedAt(Instant.now())
                            .expiresAt(Instant.now().plusSeconds(300))
                            .build())
                    : Mono.error(new BadJwtException("unknown test token"));
        }
    }
}
