package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The per-user limit with a burst of 5 and one request a minute (so nothing refills during the
 * test): a caller over it gets 429 problem details with {@code Retry-After} and the service sees
 * none of those calls, while another caller at the same moment is served; a person counts once
 * whether they call with their session or a bearer token.
 */
@SpringBootTest(properties = {"CTIMS_GATEWAY_RATE_LIMIT_PER_MINUTE=1", "CTIMS_GATEWAY_RATE_LIMIT_BURST=5"})
class RateLimitTests extends FilterChainTests {

    @RegisterExtension
    static final StandIns standIns = StandIns.start();

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        standIns.register(registry);
    }

    @BeforeEach
    void noCallsYet() {
        standIns.services.requests.clear();
    }

    @Test
    void oneUserOverTheLimitIsRefusedWhileAnotherIsServed() throws Exception {
        String busy = standIns.keycloak.teacher("700001", "10001");
        String other = standIns.keycloak.teacher("700002", "10002");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<EntityExchangeResult<String>>> busyCalls = pool.invokeAll(
                    IntStream.range(0, 12).mapToObj(i -> call(busy, "/api/followups/reports/" + i)).toList());
            List<Future<EntityExchangeResult<String>>> otherCalls = pool.invokeAll(
                    IntStream.range(0, 5).mapToObj(i -> call(other, "/api/reports/progress?i=" + i)).toList());

            List<EntityExchangeResult<String>> busyAnswers = busyCalls.stream().map(RateLimitTests::get).toList();
            assertThat(busyAnswers).extracting(answer -> answer.getStatus().value())
                    .as("the burst of 5 served, the rest refused").filteredOn(status -> status == 200).hasSize(5);
            assertThat(busyAnswers).extracting(answer -> answer.getStatus().value())
                    .filteredOn(status -> status != 200).hasSize(7).containsOnly(429);
            assertThat(otherCalls.stream().map(RateLimitTests::get).map(answer -> answer.getStatus().value()))
                    .as("another teacher at the same moment").containsOnly(200).hasSize(5);
            assertThat(standIns.services.requests).as("calls the services received: the served ones only").hasSize(10);
            assertThat(standIns.services.requests.stream().filter(r -> ("Bearer " + busy).equals(r.headers().getFirst("Authorization"))))
                    .hasSize(5);

            EntityExchangeResult<String> refused = busyAnswers.stream().filter(a -> a.getStatus().value() == 429)
                    .findFirst().orElseThrow();
            HttpHeaders headers = refused.getResponseHeaders();
            assertThat(headers.getContentType()).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
            assertThat(Long.parseLong(headers.getFirst("Retry-After"))).isBetween(1L, 60L);
            assertThat(headers.getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(refused.getResponseBody()).contains("https://ctims.org/problems/too-many-requests",
                    "\"status\":429", "nothing was changed", "\"retryAfterSeconds\":");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPersonCountsOnceThroughTheSessionAndABearerToken() {
        String token = standIns.keycloak.schoolAdmin("10001");
        String subject = UUID.nameUUIDFromBytes("admin".getBytes(StandardCharsets.UTF_8)).toString();
        for (int i = 0; i < 3; i++) {
            client.get().uri("/api/roster/organizations").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isOk();
        }
        for (int i = 0; i < 2; i++) {
            session(subject).get().uri("/api/roster/organizations").exchange().expectStatus().isOk();
        }
        session(subject).get().uri("/api/me").exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After");
        client.get().uri("/api/roster/organizations").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectStatus().isEqualTo(429);
        assertThat(standIns.services.requests).hasSize(5);
        // the web client itself is not an API call
        session(subject).get().uri("/js/app.js").exchange().expectStatus().isOk();
    }

    private WebTestClient session(String subject) {
        return client.mutateWith(mockOidcLogin().idToken(id -> id.subject(subject)));
    }

    private Callable<EntityExchangeResult<String>> call(String token, String path) {
        return () -> client.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange().expectBody(String.class).returnResult();
    }

    private static EntityExchangeResult<String> get(Future<EntityExchangeResult<String>> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
