package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two instances of the roster service behind its route ({@code CTIMS_ROSTER_URL} names both):
 * the gateway balances between them, leaves out one that is gone or not ready, and takes it back.
 */
@SpringBootTest(properties = "spring.cloud.loadbalancer.health-check.interval=1s")
@Import(GatewayTestSupport.KnownTokens.class)
class LoadBalancingTests {

    static final RecordingService first = RecordingService.start();
    static final RecordingService second = RecordingService.start();

    @Autowired
    ApplicationContext context;

    WebTestClient client;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        GatewayTestSupport.routeEveryServiceToAClosedPort(registry);
        registry.add("CTIMS_ROSTER_URL", () -> first.url() + ", " + second.url());
    }

    @AfterAll
    static void stopServices() {
        first.close();
        second.close();
    }

    @BeforeEach
    void bothInstancesServing() {
        client = GatewayTestSupport.client(context).mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayTestSupport.TEACHER_TOKEN).build();
        for (RecordingService instance : List.of(first, second)) {
            instance.ready = true;
            instance.status = 200;
            instance.hangUp = false;
        }
        awaitServing(first);
        awaitServing(second);
        first.requests.clear();
        second.requests.clear();
    }

    @Test
    void callsAlternateBetweenTheInstances() {
        List<RecordingService> servedBy = new ArrayList<>();
        for (int call = 0; call < 10; call++) {
            servedBy.add(serve(call % 2 == 0 ? get() : post()));
        }
        assertThat(first.requests).hasSize(5);
        assertThat(second.requests).hasSize(5);
        for (int call = 1; call < servedBy.size(); call++) {
            assertThat(servedBy.get(call)).as("call %d", call).isNotSameAs(servedBy.get(call - 1));
        }
    }

    @Test
    void anInstanceThatStopsIsLeftOutAndTakenBackWhenItReturns() {
        second.stop();
        try {
            // at once (before any health check noticed) and afterwards: every call answered by the other
            for (int call = 0; call < 20; call++) {
                assertThat(serve(call % 2 == 0 ? get() : post())).as("call %d", call).isSameAs(first);
            }
            assertThat(first.requests).hasSize(20);
        } finally {
            second.restart();
        }
        awaitServing(second);
        first.requests.clear();
        second.requests.clear();
        for (int call = 0; call < 10; call++) {
            serve(get());
        }
        assertThat(first.requests).hasSize(5);
        assertThat(second.requests).hasSize(5);
    }

    @Test
    void anInstanceWhoseReadinessFailsGetsNoCallsUntilItIsReadyAgain() {
        int checksBefore = second.readinessChecks.get();
        second.ready = false;
        // the first check that saw it not ready, then the one after it, so the list without it is in use
        await().atMost(Duration.ofSeconds(30)).until(() -> second.readinessChecks.get() >= checksBefore + 2);
        first.requests.clear();
        second.requests.clear();
        for (int call = 0; call < 10; call++) {
            assertThat(serve(get())).as("call %d", call).isSameAs(first);
        }
        assertThat(second.requests).isEmpty();

        second.ready = true;
        awaitServing(second);
    }

    @Test
    void everyInstanceDownGivesTheServiceUnavailableProblem() {
        first.stop();
        second.stop();
        try {
            for (WebTestClient.RequestHeadersSpec<?> call : List.of(get(), post())) {
                call.exchange()
                        .expectStatus().isEqualTo(503)
                        .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().exists("Retry-After")
                        .expectBody()
                        .jsonPath("$.type").isEqualTo("https://ctims.org/problems/service-unavailable")
                        .jsonPath("$.service").isEqualTo("roster")
                        .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("nothing was changed"));
            }
            // and so it stays once the health checks (every second) found both gone
            await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    get().exchange().expectStatus().isEqualTo(503)
                            .expectBody().jsonPath("$.type").isEqualTo("https://ctims.org/problems/service-unavailable"));
        } finally {
            first.restart();
            second.restart();
        }
    }

    @Test
    void aChangeThatReachedAnInstanceIsNeverSentAgain() {
        // the instance answered with an error: relayed as it is, not tried elsewhere
        first.status = 500;
        second.status = 500;
        post().exchange().expectStatus().isEqualTo(500);
        assertThat(first.requests.size() + second.requests.size()).isEqualTo(1);

        // the instance took the call and dropped the connection: the change may have happened
        first.requests.clear();
        second.requests.clear();
        first.hangUp = true;
        second.hangUp = true;
        post().exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://ctims.org/problems/service-connection-lost")
                .jsonPath("$.service").isEqualTo("roster")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("check whether it was saved"));
        assertThat(first.requests.size() + second.requests.size()).isEqualTo(1);
    }

    @Test
    void aReadWhoseConnectionBrokeBeforeTheAnswerGoesToTheOtherInstanceAChangeDoesNot() {
        // the first instance takes every call and drops its connection unanswered, as one killed under a
        // kept-alive connection: a read changes nothing, so it is answered by the other instance
        first.hangUp = true;
        for (int call = 0; call < 4; call++) {
            get().exchange().expectStatus().isOk().expectBody(String.class).isEqualTo(RecordingService.ANSWER);
        }
        assertThat(second.requests).hasSize(4);
        assertThat(first.requests).isNotEmpty().allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));

        // two changes in a row: round robin sends one to each; the one the first instance dropped is not sent again
        first.requests.clear();
        second.requests.clear();
        List<Integer> statuses = new ArrayList<>();
        for (int call = 0; call < 2; call++) {
            statuses.add(post().exchange().returnResult(String.class).getStatus().value());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 503);
        assertThat(first.requests).hasSize(1);
        assertThat(second.requests).hasSize(1);
    }

    private WebTestClient.RequestHeadersSpec<?> get() {
        return client.get().uri("/api/roster/organizations");
    }

    private WebTestClient.RequestHeadersSpec<?> post() {
        return client.post().uri("/api/roster/imports?sis=demo").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"rows\":1}");
    }

    /** Makes the call, expects the stand-in's answer and says which instance gave it. */
    private RecordingService serve(WebTestClient.RequestHeadersSpec<?> call) {
        int before = first.requests.size() + second.requests.size();
        int firstBefore = first.requests.size();
        EntityExchangeResult<String> answer = call.exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        assertThat(answer.getResponseBody()).isEqualTo(RecordingService.ANSWER);
        assertThat(first.requests.size() + second.requests.size()).as("one instance took the call once").isEqualTo(before + 1);
        return first.requests.size() > firstBefore ? first : second;
    }

    /** Waits until the gateway sends calls to the instance again (its health check passed). */
    private void awaitServing(RecordingService instance) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int before = instance.requests.size();
            // 503 until a check found an instance up (the first checks of a cold gateway may time out)
            get().exchange().returnResult(String.class).getResponseBody().blockLast();
            return instance.requests.size() > before;
        });
    }
}
