package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/**
 * Many teachers at once through one route: the gateway relays them all to a slow service instead
 * of refusing calls beyond a small concurrency limit (and then opening the route's breaker for
 * everyone), which is what a collection day looks like.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(GatewayTestSupport.KnownTokens.class)
class ConcurrencyTests {

    static final int CALLERS = 80;
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();
    static final HttpServer SLOW_SERVICE = slowService(Duration.ofMillis(1500));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        GatewayTestSupport.routeEveryServiceToAClosedPort(registry);
        registry.add("CTIMS_FOLLOWUP_URL", () -> "http://127.0.0.1:" + SLOW_SERVICE.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        SLOW_SERVICE.stop(0);
    }

    @Test
    void eightyConcurrentCallsToASlowServiceAreAllRelayed() {
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/followups/" + i))
                    .header("Authorization", "Bearer " + GatewayTestSupport.TEACHER_TOKEN)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
        assertThat(statuses).as("every call relayed, none refused by the gateway").containsOnly(200).hasSize(CALLERS);
        assertThat(MOST_IN_FLIGHT.get()).as("relayed side by side, not one after the other").isGreaterThan(CALLERS / 2);
    }

    private static HttpServer slowService(Duration delay) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
            server.setExecutor(Executors.newFixedThreadPool(CALLERS + 20));
            server.createContext("/", exchange -> {
                MOST_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    IN_FLIGHT.decrementAndGet();
                }
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
