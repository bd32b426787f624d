package org.ctims.gateway;


import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest
@Import(GatewayTestSupport.KnownTokens.class)
class FallbackTests extends FilterChainTests {

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        GatewayTestSupport.routeEveryServiceToAClosedPort(registry);
    }

    @BeforeEach
    void asTheTeacher() {
        client = client.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + GatewayTestSupport.TEACHER_TOKEN)
                .build();
    }

    @Test
    void aServiceThatIsDownGivesA503ProblemSayingNothingChanged() {
        client.get().uri("/api/roster/organizations").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.type").isEqualTo("https://ctims.org/problems/service-unavailable")
                .jsonPath("$.service").isEqualTo("roster")
                .jsonPath("$.instance").isEqualTo("/api/roster/organizations")
                .jsonPath("$.detail").value(detail -> org.assertj.core.api.Assertions.assertThat((String) detail)
                        .contains("roster service is not available", "nothing was changed"));
    }

    @Test
    void everyServiceRouteHasItsOwnFallback() {
        for (String route : new String[] {"followups", "certifications", "reports"}) {
            client.get().uri("/api/" + route + "/anything").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.service").isEqualTo(route);
        }
        // the follow-up service's workbook route (longer time limit) comes first and answers for the follow-up service
        List<String> routes = context.getBean(RouteLocator.class).getRoutes()
                .map(Route::getId).collectList().block();
        org.assertj.core.api.Assertions.assertThat(routes).containsSubsequence("followup-workbooks", "followups")
                .containsSubsequence("report-exports", "reports");
        client.get().uri("/api/followups/imports/template?org=1&year=2018-2019").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("followups");
        client.get().uri("/api/reports/students.xlsx?year=2018-2019").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("reports");
    }
}
