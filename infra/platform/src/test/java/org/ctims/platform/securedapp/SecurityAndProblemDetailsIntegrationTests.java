package org.ctims.platform.securedapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.security.TestTokens.TokenSpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = SecuredTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ctims.service.schema=things", "ctims.http.max-body-size=2KB"})
@RealInfrastructure
class SecurityAndProblemDetailsIntegrationTests extends SecuredAppTest {

    @Autowired
    JsonMapper json;

    @Test
    void aRequestWithoutATokenIsRefusedWithProblemDetails() throws Exception {
        HttpResponse<String> response = get("/things/me", null);

        assertProblem(response, 401, "urn:ctims:problem:unauthenticated");
    }

    @Test
    void aTeacherTokenIsReadIntoTheCurrentUser() throws Exception {
        HttpResponse<String> response = get("/things/me", tokens.teacher("700001", "10001"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("username").asString()).isEqualTo("teacher-700001");
        assertThat(body.get("roles").toString()).contains("TEACHER");
        assertThat(body.get("pids").toString()).isEqualTo("[\"10001\"]");
        assertThat(body.get("staffId").asString()).isEqualTo("700001");
    }

    @Test
    void tokensThatAreForgedExpiredForeignOrForAnotherAudienceAreAllRefused() throws Exception {
        List<String> bad = List.of(
                tokens.signedByAnotherKey("state-admin"),
                tokens.token(TokenSpec.person("late", List.of("teacher"), List.of("10001"), null)
                        .withLifetime(Duration.ofMinutes(-5))),
                tokens.token(TokenSpec.person("elsewhere", List.of("teacher"), List.of("10001"), null)
                        .withIssuer("http://127.0.0.1:1/realms/other")),
                tokens.token(TokenSpec.person("wrong-aud", List.of("teacher"), List.of("10001"), null)
                        .withAudience("some-other-api")),
                "not-a-jwt");

        for (String token : bad) {
            assertProblem(get("/things/me", token), 401, "urn:ctims:problem:unauthenticated");
        }
    }

    @Test
    void manyTokensWithUnknownKeysInARowAreEachRefusedAsUnauthenticated() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertProblem(get("/things/me", tokens.signedByAnotherKey("teacher")), 401,
                    "urn:ctims:problem:unauthenticated");
        }
        assertThat(get("/things/me", tokens.teacher("700001", "10001")).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherSchoolsDataIsForbidden() throws Exception {
        assertThat(get("/things/schools/10001", tokens.teacher("700001", "10001")).statusCode()).isEqualTo(200);

        assertProblem(get("/things/schools/10002", tokens.teacher("700001", "10001")), 403,
                "urn:ctims:problem:organization-not-in-scope");
        assertThat(get("/things/schools/10002", tokens.stateAdmin()).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoleCheckRefusesOtherRoles() throws Exception {
        assertProblem(get("/things/statewide", tokens.teacher("700001", "10001")), 403, "urn:ctims:problem:forbidden");
        assertThat(get("/things/statewide", tokens.stateAdmin()).statusCode()).isEqualTo(200);
    }

    @Test
    void invalidFieldsAreListedOneByOne() throws Exception {
        HttpResponse<String> response = post("/things", "{\"name\":\"\",\"count\":11}", "application/json");

        JsonNode problem = assertProblem(response, 400, "urn:ctims:problem:validation");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "count");
    }

    @Test
    void malformedJsonAndWrongTypesAreBadRequestsThatRevealNoInternals() throws Exception {
        assertProblem(post("/things", "{\"name\":", "application/json"), 400, "urn:ctims:problem:malformed-request");

        HttpResponse<String> wrongType = post("/things", "{\"name\":\"ok\",\"count\":\"many\"}", "application/json");
        JsonNode problem = assertProblem(wrongType, 400, "urn:ctims:problem:malformed-request");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("count");
        assertThat(wrongType.body()).doesNotContain("tools.jackson").doesNotContain("Exception");
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        String big = "{\"name\":\"" + "x".repeat(5000) + "\",\"count\":1}";

        assertProblem(post("/things", big, "application/json"), 413, "urn:ctims:problem:payload-too-large");
    }

    @Test
    void anUnsupportedMediaTypeIsNamed() throws Exception {
        assertProblem(post("/things", "name=x", "text/plain"), 415, "urn:ctims:problem:unsupported-media-type");
    }

    @Test
    void anUnknownPathIsAProblemToo() throws Exception {
        assertProblem(get("/nothing/here", tokens.stateAdmin()), 404, "urn:ctims:problem:not-found");
    }

    @Test
    void aConflictKeepsItsOwnType() throws Exception {
        assertProblem(get("/things/conflict", tokens.stateAdmin()), 409, "urn:ctims:problem:stale-version");
    }

    @Test
    void anUnexpectedErrorShowsAnIncidentIdButNoInternals() throws Exception {
        HttpResponse<String> response = get("/things/broken", tokens.stateAdmin());

        JsonNode problem = assertProblem(response, 500, "urn:ctims:problem:internal");
        assertThat(problem.get("incident").asString()).isNotBlank();
        assertThat(response.body()).doesNotContainIgnoringCase("select").doesNotContain("IllegalStateException")
                .doesNotContain("at org.");
    }

    @Test
    void aNulCharacterThatReachesTheDatabaseIsABadRequest() throws Exception {
        String token = tokens.stateAdmin();
        assertThat(get("/things/echo?text=a%0D%0Ab", token).body()).isEqualTo("{\"text\":\"a\\r\\nb\"}");

        HttpResponse<String> nul = get("/things/echo?text=a%00b", token);

        assertProblem(nul, 400, "urn:ctims:problem:malformed-request");
        assertThat(nul.body()).doesNotContain("SQL").doesNotContain("0x00").doesNotContain("Exception");
    }

    @Test
    void wholeNumbersAreWrittenInAsciiDecimalDigitsOnly() throws Exception {
        String token = tokens.stateAdmin();
        assertThat(get("/things/pages?page=12&after=-3", token).body()).contains("\"page\":12").contains("\"after\":-3");
        assertThat(get("/things/pages?page=+7", token).body()).contains("\"page\":7");
        assertThat(get("/things/pages?page=", token).body()).contains("\"page\":0");

        for (String number : List.of("%D9%A1%D9%A2", "%E0%A5%A7", "%EF%BC%91", "0x10", "%2310", "1e3", "1.0", "99999999999")) {
            HttpResponse<String> page = get("/things/pages?page=" + number, token);
            assertThat(page.statusCode()).as("page=%s answered %s", number, page.body()).isEqualTo(400);
            assertProblem(page, 400, "urn:ctims:problem:bad-request");
            String beyondLong = number.replace("99999999999", "99999999999999999999");
            HttpResponse<String> after = get("/things/pages?after=" + beyondLong, token);
            assertThat(after.statusCode()).as("after=%s answered %s", beyondLong, after.body()).isEqualTo(400);
            assertProblem(after, 400, "urn:ctims:problem:bad-request");
        }
    }

    @Test
    void healthProbesAnswerWithoutAToken() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).body()).contains("UP");
        assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
    }

    private JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpResponse<String> post(String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + tokens.teacher("700001", "10001"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
