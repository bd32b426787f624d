package org.ctims.testing.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.ctims.testing.BackupRoundTrip;
import org.ctims.testing.security.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every CTIMS service must do once started on the real database and broker: migrate its own
 * schema (with the platform's outbox and inbox), answer its health probes, and refuse its API to
 * callers without a valid token. A service's test extends this, is annotated
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and {@code @RealInfrastructure}, and names
 * its schema and API prefix.
 */
public abstract class ServiceStartupChecks {

    protected static final TestTokens tokens = TestTokens.start();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected DataSource dataSource;

    @Value("${spring.datasource.password:}")
    private String databasePassword;

    /** The service's own schema, e.g. {@code roster}. */
    protected abstract String schema();

    /** The service's API prefix, e.g. {@code /api/roster}. */
    protected abstract String apiPrefix();

    @DynamicPropertySource
    static void testIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokens::issuer);
    }

    @Test
    void migratesItsOwnSchemaWithTheOutboxAndInbox() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getSchema()).isEqualTo(schema());
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = connection.getMetaData().getTables(null, schema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("outbox", "inbox", "flyway_schema_history");
        }
    }

    /** docs/OPERATIONS.md "Backup and restore": dump this schema, restore it into an empty database, compare. */
    @Test
    void itsSchemaSurvivesABackupAndRestore() throws Exception {
        String url;
        String username;
        try (Connection connection = dataSource.getConnection()) {
            url = connection.getMetaData().getURL().replaceFirst("\\?.*$", "");
            username = connection.getMetaData().getUserName();
        }
        BackupRoundTrip.Result result = BackupRoundTrip.run(url, username, databasePassword, schema());
        assertThat(result.original()).containsKeys("outbox", "inbox", "flyway_schema_history");
        assertThat(result.original().get("flyway_schema_history").rows()).isPositive();
        assertThat(result.restored()).isEqualTo(result.original());
    }

    @Test
    void answersItsHealthProbesWithoutAToken() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
    }

    @Test
    void refusesItsApiWithoutAValidToken() throws Exception {
        HttpResponse<String> anonymous = get(apiPrefix() + "/anything", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        assertThat(get(apiPrefix() + "/anything", tokens.signedByAnotherKey("state-admin")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void publishesItsOpenApiDocument() throws Exception {
        HttpResponse<String> apiDocs = get("/v3/api-docs", null);
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(apiDocs.body()).contains("\"openapi\"");
    }

    protected HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
