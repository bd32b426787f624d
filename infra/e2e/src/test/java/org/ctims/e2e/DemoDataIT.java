package org.ctims.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ctims.local.StackConfig;
import org.ctims.local.demo.DemoLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo data the stack loads at start (rosters from the demo SIS over Kafka, the Approved
 * Assessment Lists uploaded as the state user) is what a newcomer sees after signing in: asked
 * through the gateway with the demo users' own tokens, as a script of theirs would.
 */
@ExtendWith(RunningStack.class)
class DemoDataIT {

    /** The loader already waited for the roster service; this only absorbs a slow machine. */
    private static final Duration SETTLE = Duration.ofSeconds(90);

    private final StackConfig stack;

    DemoDataIT(StackConfig stack) {
        this.stack = stack;
    }

    @Test
    void teacherAFindsHerSchoolByItsFirstLettersButNotTheOtherOne() {
        String teacherA = token("teacher-a");

        await().atMost(SETTLE).untilAsserted(() -> {
            var sam = api("/api/roster/organizations?q=sam", teacherA);
            assertThat(sam.statusCode()).as(sam.body()).isEqualTo(200);
            assertThat(JsonPath.<List<String>>read(sam.body(), "$[*].pid")).containsExactly("10001");
            assertThat(JsonPath.<List<String>>read(sam.body(), "$[*].name")).containsExactly("Sample High School");
        });
        // Riverside exists (state staff find it) but is not teacher-a's school
        assertThat(JsonPath.<List<String>>read(api("/api/roster/organizations?q=riv", token("state")).body(), "$[*].pid"))
                .containsExactly("10002");
        assertThat(JsonPath.<List<String>>read(api("/api/roster/organizations?q=riv", teacherA).body(), "$[*].pid"))
                .isEmpty();
    }

    @Test
    void teacherASeesHerOwnDemoStudentsOf2018To2019() {
        String teacherA = token("teacher-a");

        await().atMost(SETTLE).untilAsserted(() -> {
            var students = api("/api/roster/organizations/10001/enrollments?schoolYear=2018-2019", teacherA);
            assertThat(students.statusCode()).as(students.body()).isEqualTo(200);
            // she teaches two of the school's four classes: 16 of its 30 students, of every grade
            assertThat(JsonPath.<List<String>>read(students.body(), "$[*].stn")).hasSize(16)
                    .allSatisfy(stn -> assertThat(stn).matches("\\d{10}"));
            assertThat(JsonPath.<List<String>>read(students.body(), "$[*].teacherName")).containsOnly("Alice Adams");
            assertThat(JsonPath.<List<String>>read(students.body(), "$[*].division"))
                    .containsOnly("Business and Marketing", "Information Technology");
            assertThat(JsonPath.<List<Integer>>read(students.body(), "$[*].grade")).contains(9, 10, 11, 12);
            assertThat(JsonPath.<List<String>>read(students.body(), "$[*].birthDate")).doesNotContainNull();
            assertThat(JsonPath.<List<String>>read(students.body(), "$[*].gender")).doesNotContainNull();
        });
    }

    @Test
    void stateFindsEarlyChildhoodEducationOnThe2018To2019List() {
        var found = api("/api/certifications/assessments?year=2018-2019&q=7503", token("state"));

        assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
        assertThat(JsonPath.<String>read(found.body(), "$.results[0].number")).isEqualTo("7503");
        assertThat(JsonPath.<String>read(found.body(), "$.results[0].label"))
                .isEqualTo("Early Childhood Education (Pre-Pac) - 7503");
        assertThat(JsonPath.<List<String>>read(found.body(), "$.results[0].clusters[*].code")).containsExactly("ED");
    }

    @Test
    void eachYearHasItsOwnList() {
        String state = token("state");

        var tech2026 = api("/api/certifications/assessments?year=2025-2026&q=2006", state);
        var tech2019 = api("/api/certifications/assessments?year=2018-2019&q=2006", state);

        assertThat(JsonPath.<List<String>>read(tech2026.body(), "$.results[*].name")).contains("CompTIA Tech+");
        assertThat(JsonPath.<List<String>>read(tech2019.body(), "$.results[*].name")).doesNotContain("CompTIA Tech+");
    }

    @Test
    void loadingTheDemoDataAgainChangesNothing() {
        String state = token("state");
        await().atMost(SETTLE).until(() -> enrollmentCount(state), count -> count == 30);

        List<String> lines = new ArrayList<>();
        DemoLoader.load(stack, lines::add);

        assertThat(lines).filteredOn(l -> l.contains("assessment list")).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("already holds"));
        assertThat(lines).noneMatch(l -> l.contains("failed"));
        for (String year : List.of("2018-2019", "2025-2026")) {
            var imports = api("/api/certifications/catalog-imports?year=" + year, state);
            assertThat(imports.statusCode()).as(imports.body()).isEqualTo(200);
            assertThat(JsonPath.<List<Object>>read(imports.body(), "$[*]")).as("imports of %s", year).hasSize(1);
        }
        // the replayed records carry the same event ids and dates: still one enrollment per demo student
        assertThat(enrollmentCount(state)).isEqualTo(30);
    }

    private int enrollmentCount(String token) {
        var students = api("/api/roster/organizations/10001/enrollments?schoolYear=2018-2019&size=500", token);
        return students.statusCode() == 200 ? JsonPath.<List<Object>>read(students.body(), "$[*]").size() : -1;
    }

    private HttpResponse<String> api(String path, String token) {
        return Http.get(stack.gatewayUrl() + path, Map.of("Authorization", "Bearer " + token, "Accept", "application/json"));
    }

    /** A demo user's token (password = username), with the public CLI client's password grant. */
    private String token(String user) {
        var response = Http.postForm(stack.issuerUri() + "/protocol/openid-connect/token", Map.of(
                "grant_type", "password", "client_id", "ctims-cli", "username", user, "password", user));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JsonPath.read(response.body(), "$.access_token");
    }
}
