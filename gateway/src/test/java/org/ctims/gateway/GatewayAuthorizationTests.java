package org.ctims.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.ctims.testing.service.AuthorizationTable;
import org.ctims.testing.service.AuthorizationTable.Caller;
import org.ctims.testing.service.AuthorizationTable.Row;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every endpoint of the four services' authorization tables ({@code <service>/src/test/resources/
 * authorization-matrix.md}, see docs/SECURITY.md) called through the gateway, with tokens of a real
 * test issuer (signature, issuer, audience and expiry checked as in production): a bad token (none,
 * expired, another audience, forged signature) is refused by the gateway itself with a 401 problem (a
 * change without any credentials: 403 csrf) and the service never sees the call; every other caller's token — each role, a person without a CTIMS
 * role, another school's users — is relayed unchanged (same method, path, query and bearer token, no
 * cookie), and the service's answer comes back, so what each one may do is the service's matrix; a
 * change from a browser session without the CSRF token or with a wrong one is refused (403) before it
 * reaches a service.
 */
@SpringBootTest
class GatewayAuthorizationTests extends FilterChainTests {

    @RegisterExtension
    static final StandIns standIns = StandIns.start();
    static final Map<String, String> VALUES = Map.of("school", "10001", "year", "2018-2019",
            "report", UUID.randomUUID().toString(), "teacher", "700001", "number", "7503");

    @DynamicPropertySource
    static void standIns(DynamicPropertyRegistry registry) {
        standIns.register(registry);
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointOfEveryServiceThroughTheGateway() {
        Map<Caller, String> tokensOf = AuthorizationTable.tokens(standIns.keycloak, "10001", "700001", "10002", "700002");
        List<Row> rows = AuthorizationTable.SERVICE_TABLES.stream()
                .flatMap(table -> AuthorizationTable.of(AuthorizationTable.projectFile(table)).stream()).toList();
        assertThat(rows).hasSizeGreaterThan(20);
        return rows.stream().flatMap(row -> Stream.concat(
                Arrays.stream(Caller.values()).map(caller -> dynamicTest(row.request() + " as " + caller.label(),
                        () -> bearerCall(row, caller, tokensOf.get(caller)))),
                row.method().equals("GET") ? Stream.<DynamicTest>empty()
                        : Stream.of(dynamicTest(row.request() + " from a browser session without the CSRF token",
                                        () -> sessionChangeRefused(row, null)),
                                dynamicTest(row.request() + " from a browser session with a wrong CSRF token",
                                        () -> sessionChangeRefused(row, "a-token-of-another-page")))));
    }

    private void bearerCall(Row row, Caller caller, String token) {
        standIns.services.requests.clear();
        String path = row.path(VALUES);
        WebTestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(row.method())).uri(path)
                .cookie("tracking", "kept-by-the-browser");
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        if (row.bodyName() != null) {
            request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        EntityExchangeResult<String> answer = request.exchange().expectBody(String.class).returnResult();
        if (caller.badToken()) {
            // a change without any credentials meets the CSRF check first (there is no bearer token to exempt it)
            boolean csrfFirst = caller == Caller.NO_TOKEN && !row.method().equals("GET");
            assertThat(answer.getStatus().value()).as("%s as %s: %s", path, caller.label(), answer.getResponseBody())
                    .isEqualTo(csrfFirst ? 403 : 401);
            assertThat(answer.getResponseBody()).contains(csrfFirst ? "/problems/csrf" : "/problems/unauthenticated");
            assertThat(answer.getResponseHeaders().getContentType()).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
            assertThat(standIns.services.requests).as("calls the services received").isEmpty();
        } else {
            assertThat(answer.getStatus().value()).as("%s as %s: %s", path, caller.label(), answer.getResponseBody())
                    .isEqualTo(200);
            assertThat(answer.getResponseBody()).isEqualTo(RecordingService.ANSWER);
            assertThat(standIns.services.requests).as("calls the services received").hasSize(1);
            RecordingService.Received received = standIns.services.requests.get(0);
            assertThat(received.method()).isEqualTo(row.method());
            assertThat(received.uri()).isEqualTo(path);
            assertThat(received.headers().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer " + token);
            assertThat(received.headers().containsKey(HttpHeaders.COOKIE)).as("a cookie relayed").isFalse();
        }
    }

    private void sessionChangeRefused(Row row, String wrongToken) {
        standIns.services.requests.clear();
        WebTestClient.RequestBodySpec request = client.mutateWith(mockOidcLogin())
                .method(HttpMethod.valueOf(row.method())).uri(row.path(VALUES));
        if (wrongToken != null) {
            request.cookie("XSRF-TOKEN", "the-session-s-token").header("X-XSRF-TOKEN", wrongToken);
        }
        request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://ctims.org/problems/csrf");
        assertThat(standIns.services.requests).as("calls the services received").isEmpty();
    }
}
