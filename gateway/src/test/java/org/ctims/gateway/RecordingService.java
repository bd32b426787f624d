package org.ctims.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for the services: answers every call 200 with a small JSON body (plus any headers a
 * test puts in {@link #answerHeaders}) and keeps what it received.
 */
final class RecordingService implements AutoCloseable {

    static final String ANSWER = "{\"answeredBy\":\"service\"}";

    final List<Received> requests = new CopyOnWriteArrayList<>();
    final Map<String, String> answerHeaders = new ConcurrentHashMap<>();
    private final HttpServer server;

    record Received(String method, String uri, Headers headers) {
    }

    private RecordingService(HttpServer server) {
        this.server = server;
    }

    static RecordingService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RecordingService service = new RecordingService(server);
            byte[] answer = ANSWER.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                service.requests.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders()));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                service.answerHeaders.forEach(exchange.getResponseHeaders()::add);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the stand-in service", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
