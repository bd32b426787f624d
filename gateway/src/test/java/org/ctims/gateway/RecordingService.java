package org.ctims.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the services: answers every call 200 with a small JSON body (plus any headers a
 * test puts in {@link #answerHeaders}) and keeps what it received. Its readiness
 * ({@code /actuator/health/readiness}, asked by the gateway's health checks, not kept in
 * {@link #requests}) answers 200 while {@link #ready}, else 503. It can be stopped and started
 * again on the same port, as an instance that goes away and comes back.
 */
final class RecordingService implements AutoCloseable {

    static final String ANSWER = "{\"answeredBy\":\"service\"}";
    static final String READINESS = "/actuator/health/readiness";

    final List<Received> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> answerHeaders = new ConcurrentHashMap<>();
    final AtomicInteger readinessChecks = new AtomicInteger();
    volatile boolean ready = true;
    /** The status the service answers calls with (not its readiness). */
    volatile int status = 200;
    /** Takes the call, then drops the connection without an answer, as an instance dying mid-call. */
    volatile boolean hangUp;
    private final int port;
    private volatile HttpServer server;

    record Received(String method, String uri, Headers headers) {
    }

    private RecordingService() {
        this.server = listen(0);
        this.port = server.getAddress().getPort();
        this.server.start();
    }

    static RecordingService start() {
        return new RecordingService();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 0);
            listening.createContext("/", this::answer);
            return listening;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the stand-in service", e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (READINESS.equals(exchange.getRequestURI().getPath())) {
            readinessChecks.incrementAndGet();
            exchange.sendResponseHeaders(ready ? 200 : 503, -1);
            exchange.close();
            return;
        }
        requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders()));
        if (hangUp) {
            // no answer at all: closing the exchange before the headers drops the connection
            exchange.getResponseBody().close();
            return;
        }
        byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        answerHeaders.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops listening: connections to its port are refused until {@link #restart()}. */
    void stop() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    void restart() {
        server = listen(port);
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
