package org.ctims.platform.securedapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.ctims.testing.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** Prometheus scrapes every service without a token, and sees the outbox. */
@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ctims.service.schema=things")
@RealInfrastructure
class MetricsIntegrationTests extends SecuredAppTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theScrapeShowsParkedOutboxEventsAndHttpTimings() throws Exception {
        jdbc.update("""
                insert into outbox (event_id, destination, event_key, event_type, source, occurred_at, payload,
                                    attempts, last_error, parked_at)
                values (?, 'nowhere', 'k', 'ctims.test.parked.v1', '/test', now(), '{}'::jsonb, 5, 'broken', now())""",
                UUID.randomUUID());

        HttpResponse<String> scrape = get("/actuator/prometheus", null);

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body())
                .containsPattern("ctims_outbox_parked\\{[^}]*\\} 1\\.0")
                .contains("ctims_outbox_pending")
                .contains("ctims_outbox_oldest_age_seconds")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void everythingElseUnderActuatorStillNeedsAToken() throws Exception {
        HttpResponse<String> env = get("/actuator/env", null);

        assertThat(env.statusCode()).isIn(401, 404);
    }
}
