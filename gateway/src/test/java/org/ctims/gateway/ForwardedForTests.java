package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the services learn of a caller's address through the gateway, on a real port (the audit
 * log's "from where", docs/SECURITY.md): the gateway drops the forwarded headers a caller wrote
 * and relays the address it saw itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedForTests {

    @RegisterExtension
    static final StandIns standIns = StandIns.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        standIns.register(registry);
    }

    @Test
    void aCallersOwnForwardedHeadersAreReplacedByTheAddressTheGatewaySaw() throws Exception {
        standIns.services.requests.clear();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/followups?org=10001&year=2018-2019"))
                .header("Authorization", "Bearer " + standIns.keycloak.teacher("700001", "10001"))
                .header("X-Forwarded-For", "203.0.113.50")
                .header("Forwarded", "for=203.0.113.51")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        RecordingService.Received relayed = standIns.services.requests.get(0);
        assertThat(relayed.headers().get("X-Forwarded-For")).containsExactly("127.0.0.1");
        assertThat(relayed.headers().get("Forwarded")).singleElement().asString()
                .contains("for=\"127.0.0.1:").doesNotContain("203.0.113");
    }
}
