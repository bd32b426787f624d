package org.ctims.local.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Calls the API the way a signed-in person's script would: a token from Keycloak with the
 * password grant of the public client {@code ctims-cli} (demo realm only), then bearer requests
 * to the gateway, which checks the token and relays it to the services.
 */
final class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String gatewayUrl;
    private final String tokenUrl;

    GatewayClient(String gatewayUrl, String issuerUri) {
        this.gatewayUrl = gatewayUrl;
        this.tokenUrl = issuerUri + "/protocol/openid-connect/token";
    }

    /** An access token of a demo user (password = username in the demo realm). */
    String token(String username, String password) {
        String form = "grant_type=password&client_id=ctims-cli&scope=openid&username=" + encode(username)
                + "&password=" + encode(password);
        Response response = send(HttpRequest.newBuilder(URI.create(tokenUrl)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (response.status() != 200) {
            throw new IllegalStateException("Keycloak refused a token for " + username + ": " + response);
        }
        return (String) Json.object(Json.parse(response.body())).get("access_token");
    }

    Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build());
    }

    /** A multipart/form-data POST with one file part, as a browser's file upload sends it. */
    Response upload(String path, String token, String part, String fileName, String contentType, byte[] content) {
        String boundary = "ctims-demo-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(gatewayUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    record Response(int status, String body) {

        Object json() {
            return Json.parse(body);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
