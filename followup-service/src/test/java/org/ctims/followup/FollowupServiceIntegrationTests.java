package org.ctims.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.awaitility.Awaitility;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.ctims.followup.imports.BulkWorkbook;
import org.ctims.followup.limits.WorkbookRequests;
import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.ctims.testing.kafka.KafkaTopics;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.service.AuthorizationMatrix;
import org.ctims.testing.service.AuthorizationMatrix.Body;
import org.ctims.testing.service.HostileInput;
import org.ctims.testing.service.ServiceStartupChecks;
import org.ctims.testing.xlsx.HostileWorkbooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The follow-up service on the real database and broker, in one Spring context shared by every
 * nested group. Each test builds its own world (a random school year, school, students and
 * teachers), so tests never see each other's reports or catalog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ctims.followup.enrollments-topic=roster.enrollments.v1${ctims.test.topic-suffix}",
        "ctims.followup.catalog-topic=certification.catalog.v1${ctims.test.topic-suffix}",
        "ctims.followup.reports-topic=followup.reports.v1${ctims.test.topic-suffix}",
        "ctims.outbox.poll-interval=50ms",
        "logging.level.org.apache.kafka=warn",
        "logging.level.org.springframework.cloud.stream=warn"})
@RealInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowupServiceIntegrationTests extends ServiceStartupChecks {

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(100));
    }

    static final JsonMapper json = JsonMapper.shared();
    static final String RECORDED = "ctims.roster.enrollment-recorded.v1";
    static final String REMOVED = "ctims.roster.enrollment-removed.v1";
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.cloud.stream.kafka.binder.brokers}")
    String brokers;
    @Value("${ctims.followup.enrollments-topic}")
    String enrollmentsTopic;
    @Value("${ctims.followup.catalog-topic}")
    String catalogTopic;
    @Value("${ctims.followup.reports-topic}")
    String reportsTopic;

    Feeds feeds;

    @Override
    protected String schema() {
        return "followup";
    }

    @Override
    protected String apiPrefix() {
        return "/api/followups";
    }

    @BeforeAll
    void openFeeds() {
        feeds = new Feeds(brokers, enrollmentsTopic, catalogTopic);
    }

    @AfterAll
    void closeFeeds() {
        feeds.close();
    }

    static String digits(int n) {
        StringBuilder s = new StringBuilder().append(ThreadLocalRandom.current().nextInt(1, 10));
        while (s.length() < n) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    /** One test's data: its own school year (so its own catalog), school, teachers and students. */
    final class World {
        final int start = ThreadLocalRandom.current().nextInt(2100, 9000);
        final String year = start + "-" + (start + 1);
        final String pid = digits(8);
        final String otherPid = digits(8);
        final String teacherA = digits(7);
        final String teacherB = digits(7);

        World() {
            feeds.cluster(year, "ED", "Education & Training");
            feeds.cluster(year, "AC", "Architecture & Construction");
            feeds.cluster(year, "BA", "Business, Management & Administration");
            feeds.assessment(year, "7503", "Early Childhood Education (Pre-Pac)", List.of("ED"), false);
            feeds.assessment(year, "1001", "Carpentry", List.of("AC", "BA"), false);
            feeds.assessment(year, "9999", "Old Farming", List.of("AC"), true);
            await().until(() -> count("select count(*) from catalog_assessment where school_year = ?", year) == 3
                    && count("select count(*) from catalog_cluster where school_year = ?", year) == 3);
        }

        Student student(int grade) {
            return new Student(this, digits(10), grade);
        }
    }

    final class Student {
        final World world;
        final String stn;
        final int grade;

        Student(World world, String stn, int grade) {
            this.world = world;
            this.stn = stn;
            this.grade = grade;
        }

        Map<String, Object> enrollment(UUID enrollmentId, String staffId, String teacherName, String division, String change) {
            Map<String, Object> student = new LinkedHashMap<>();
            student.put("stn", stn);
            student.put("givenName", "Jamie");
            student.put("familyName", "Rivera-" + stn.substring(6));
            student.put("birthDate", "2001-02-03");
            student.put("gender", "female");
            student.put("grade", grade);
            student.put("email", null);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("enrollmentId", enrollmentId.toString());
            payload.put("change", change);
            payload.put("schoolYear", world.year);
            payload.put("student", student);
            payload.put("organization", Map.of("pid", world.pid, "name", "Sample High School " + world.pid));
            payload.put("teacher", Map.of("staffId", staffId, "name", teacherName));
            payload.put("division", division);
            payload.put("source", Map.of("sis", "/sis/test", "sourcedId", "e-" + enrollmentId, "classSourcedId", "c-1"));
            payload.put("somethingNew", "ignored by a tolerant reader");
            return payload;
        }

        /** Enrolls the student with teacher A and waits for the report. */
        UUID enrolled() {
            return enrolledWith(UUID.randomUUID(), world.teacherA, "Alice Adams", "Business and Marketing");
        }

        UUID enrolledWith(UUID enrollmentId, String staffId, String name, String division) {
            Map<String, Object> payload = enrollment(enrollmentId, staffId, name, division, "added");
            assertThat(EventSchemas.producerViolations("roster-service/src/main/resources/events/enrollment-recorded.v1.schema.json",
                    json.valueToTree(payload))).isEmpty();
            feeds.enrollment(RECORDED, payload, Instant.now());
            await().until(() -> count("select count(*) from report_enrollment where enrollment_id = ?", enrollmentId) == 1);
            return reportId();
        }

        UUID reportId() {
            return jdbc.queryForObject("select id from report where stn = ? and organization_pid = ? and school_year = ?",
                    UUID.class, stn, world.pid, world.year);
        }
    }

    int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    // --- HTTP -------------------------------------------------------------------------------

    HttpResponse<String> call(String method, String path, String token, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> download(String listPath, String token) {
        String path = listPath.replace("/api/followups?", "/api/followups/export?");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    String teacher(World w) {
        return tokens.teacher(w.teacherA, w.pid);
    }

    HttpResponse<String> put(UUID id, String token, String etag, String answers) {
        return etag == null ? call("PUT", "/api/followups/" + id, token, answers)
                : call("PUT", "/api/followups/" + id, token, answers, "If-Match", etag);
    }

    static final String COMPLETE_SENIOR = """
            {"email": "jamie@example.org", "deceased": false, "educationStatus": "not-attending",
             "employmentStatus": "employed-full-time-civilian", "jobRelated": true, "selfEmployed": false,
             "jobTitle": "Assistant teacher", "jobDuties": "Helps in class", "tookCertificationTest": true,
             "certifications": [{"assessmentNumber": "7503", "result": "passed"}]}""";

    /** What the outbox sent for a student, once every event left it. */
    List<ConsumerRecord<byte[], byte[]>> settledEvents(String stn, int expected) {
        await().until(() -> count("select count(*) from outbox where event_key = ?", stn) == 0);
        List<ConsumerRecord<byte[], byte[]>> events = KafkaTopics.readUntil(brokers, reportsTopic,
                r -> stn.equals(KafkaTopics.key(r)), records -> records.size() >= expected);
        assertThat(events).as("events for STN %s", stn).hasSize(expected);
        return events;
    }

    static JsonNode payload(ConsumerRecord<byte[], byte[]> record) {
        return json.readTree(new String(record.value(), StandardCharsets.UTF_8));
    }

    // --- tests --------------------------------------------------------------------------------

    @Nested
    class Roster {

        @Test
        void anEnrollmentCreatesOneReportThatAllTheStudentsTeachersShare() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            UUID same = s.enrolledWith(UUID.randomUUID(), w.teacherB, "Bob Baker", "Health Science");
            assertThat(same).isEqualTo(id);
            assertThat(count("select count(*) from report where stn = ?", s.stn)).isEqualTo(1);

            for (String token : List.of(tokens.teacher(w.teacherA, w.pid), tokens.teacher(w.teacherB, w.pid))) {
                HttpResponse<String> response = call("GET", "/api/followups/" + id, token, null);
                assertThat(response.statusCode()).isEqualTo(200);
                JsonNode report = body(response);
                assertThat(report.path("stn").asString()).isEqualTo(s.stn);
                assertThat(report.path("student").path("grade").asInt()).isEqualTo(12);
                assertThat(report.path("teachers")).hasSize(2);
                assertThat(report.path("followUpApplies").asBoolean()).isTrue();
                assertThat(report.path("missing").toString()).contains("educationStatus", "employmentStatus", "tookCertificationTest");
                assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
            }
        }

        @Test
        void aRemovedStudentKeepsTheReportMarkedAndItsAnswers() {
            World w = new World();
            Student s = w.student(12);
            UUID enrollment = UUID.randomUUID();
            UUID id = s.enrolledWith(enrollment, w.teacherA, "Alice Adams", "Business");
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);

            Map<String, Object> removal = s.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "removed");
            assertThat(EventSchemas.producerViolations("roster-service/src/main/resources/events/enrollment-removed.v1.schema.json",
                    json.valueToTree(removal))).isEmpty();
            feeds.enrollment(REMOVED, removal, Instant.now());
            await().until(() -> Boolean.TRUE.equals(jdbc.queryForObject("select removed from report where id = ?", Boolean.class, id)));
            JsonNode report = body(call("GET", "/api/followups/" + id, teacher(w), null));
            assertThat(report.path("removed").asBoolean()).isTrue();
            assertThat(report.path("answers").path("jobTitle").asString()).isEqualTo("Assistant teacher");
            assertThat(report.path("followUpComplete").asBoolean()).isTrue();
        }

        @Test
        void replayedAndOlderEventsChangeNothing() {
            World w = new World();
            Student s = w.student(12);
            UUID enrollment = UUID.randomUUID();
            Instant t0 = Instant.now();
            Map<String, Object> added = s.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "added");
            String eventId = feeds.enrollment(RECORDED, added, t0);
            await().until(() -> count("select count(*) from report_enrollment where enrollment_id = ?", enrollment) == 1);
            // newer: the division changed
            feeds.enrollment(RECORDED, s.enrollment(enrollment, w.teacherA, "Alice Adams", "Marketing", "changed"), t0.plusSeconds(10));
            await().until(() -> "Marketing".equals(jdbc.queryForObject(
                    "select division from report_enrollment where enrollment_id = ?", String.class, enrollment)));
            // the first event again (same id: inbox) and an older straggler (new id: ce_time) change nothing
            feeds.enrollment(RECORDED, added, t0, eventId);
            feeds.enrollment(RECORDED, s.enrollment(enrollment, w.teacherA, "Alice Adams", "Old division", "changed"), t0.plusSeconds(5));
            // a marker after them on the same key (STN, one partition) proves they were processed
            UUID marker = UUID.randomUUID();
            feeds.enrollment(RECORDED, s.enrollment(marker, w.teacherB, "Bob Baker", "Marker", "added"), t0.plusSeconds(20));
            await().until(() -> count("select count(*) from report_enrollment where enrollment_id = ?", marker) == 1);
            assertThat(jdbc.queryForObject("select division from report_enrollment where enrollment_id = ?", String.class, enrollment))
                    .isEqualTo("Marketing");
            assertThat(count("select count(*) from report where stn = ?", s.stn)).isEqualTo(1);
        }

        @Test
        void aGradeChangeInTheRosterRecomputesTheFlagsAndTheRosterEmailFillsANewReport() {
            World w = new World();
            Student s = w.student(12);
            UUID enrollment = UUID.randomUUID();
            Map<String, Object> added = s.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "added");
            ((Map<String, Object>) added.get("student")).put("email", "jamie@students.example.org");
            feeds.enrollment(RECORDED, added, Instant.now());
            await().until(() -> count("select count(*) from report_enrollment where enrollment_id = ?", enrollment) == 1);
            UUID id = s.reportId();
            assertThat(body(call("GET", "/api/followups/" + id, teacher(w), null)).path("answers").path("email").asString())
                    .isEqualTo("jamie@students.example.org");
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);

            Map<String, Object> changed = s.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "changed");
            ((Map<String, Object>) changed.get("student")).put("grade", 11);
            feeds.enrollment(RECORDED, changed, Instant.now().plusSeconds(1));
            await().until(() -> count("select grade from report where id = ?", id) == 11);
            JsonNode report = body(call("GET", "/api/followups/" + id, teacher(w), null));
            assertThat(report.path("followUpApplies").asBoolean()).isFalse();
            assertThat(report.path("followUpComplete").asBoolean()).isFalse();
            assertThat(report.path("answers").path("email").asString()).as("the teacher's entry wins").isEqualTo("jamie@example.org");
            assertThat(jdbc.queryForObject("select follow_up_complete from report where id = ?", Boolean.class, id)).isFalse();

            // The save announced both flags; the grade change reopens the follow-up without a save.
            List<ConsumerRecord<byte[], byte[]>> events = settledEvents(s.stn, 4);
            assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(
                    "ctims.followup.report-saved.v1", "ctims.followup.follow-up-completed.v1",
                    "ctims.followup.certifications-completed.v1", "ctims.followup.follow-up-reopened.v1");
            assertThat(EventSchemas.violations("ctims.followup.follow-up-reopened.v1", payload(events.get(3)))).isEmpty();
            assertThat(payload(events.get(3)).path("version").asInt()).isEqualTo(1);
            assertThat(payload(events.get(3)).path("certificateComplete").asBoolean()).isTrue();
        }

        @Test
        void invalidEnrollmentEventsGoToTheDeadLetterTopicAndLaterOnesStillFlow() {
            World w = new World();
            String stn = digits(10);
            feeds.rawEnrollment(stn, RECORDED, "{not json".getBytes(StandardCharsets.UTF_8));
            Student s = w.student(11);
            Map<String, Object> bad = s.enrollment(UUID.randomUUID(), w.teacherA, "Alice", "X", "added");
            ((Map<String, Object>) bad.get("student")).put("stn", "12345");
            feeds.send(enrollmentsTopic, stn, RECORDED, UUID.randomUUID().toString(), Instant.now(), json.writeValueAsBytes(bad));
            UUID id = s.enrolled();
            assertThat(id).isNotNull();
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readUntil(brokers, "error." + enrollmentsTopic + ".followup",
                    r -> stn.equals(KafkaTopics.key(r)), records -> records.size() >= 2);
            assertThat(dead).hasSize(2);
            assertThat(dead).extracting(r -> KafkaTopics.header(r, "x-exception-message"))
                    .anySatisfy(m -> assertThat(m).contains("not JSON"))
                    .anySatisfy(m -> assertThat(m).contains("stn"));
        }
    }

    @Nested
    class Saving {

        @Test
        void aCompleteSaveIsStoredWithBothFlagsHistoryAndExactlyOneEventOfEachKind() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();

            HttpResponse<String> saved = put(id, teacher(w), "\"0\"", COMPLETE_SENIOR);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(saved.headers().firstValue("ETag")).hasValue("\"1\"");
            JsonNode report = body(saved);
            assertThat(report.path("followUpComplete").asBoolean()).isTrue();
            assertThat(report.path("certificateComplete").asBoolean()).isTrue();
            assertThat(report.path("missing")).isEmpty();
            assertThat(report.path("certifications").get(0).path("clusterCode").asString()).as("the only cluster is filled in").isEqualTo("ED");
            assertThat(report.path("lastSavedBy").path("username").asString()).isEqualTo("teacher-" + w.teacherA);

            JsonNode history = body(call("GET", "/api/followups/" + id + "/history", teacher(w), null));
            assertThat(history.findValuesAsString("field")).contains("educationStatus", "employmentStatus", "jobTitle", "certifications[7503]");
            assertThat(history.get(0).path("changedBy").asString()).isEqualTo("teacher-" + w.teacherA);

            List<ConsumerRecord<byte[], byte[]>> events = settledEvents(s.stn, 3);
            assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(
                    "ctims.followup.report-saved.v1", "ctims.followup.follow-up-completed.v1",
                    "ctims.followup.certifications-completed.v1");
            for (ConsumerRecord<byte[], byte[]> event : events) {
                String type = KafkaTopics.header(event, "ce_type");
                assertThat(EventSchemas.violations(type, payload(event))).as(type).isEmpty();
                assertThat(KafkaTopics.header(event, "ce_subject")).isEqualTo(w.pid);
                assertThat(KafkaTopics.header(event, "ce_source")).isEqualTo("/ctims/followup-service");
            }
            assertThat(payload(events.get(0)).path("version").asInt()).isEqualTo(1);
            assertThat(payload(events.get(0)).path("answers").path("employmentStatus").asString()).isEqualTo("employed-full-time-civilian");

            // Reopening: one save, one report-saved plus follow-up-reopened; the certificate stays complete.
            HttpResponse<String> reopened = put(id, teacher(w), "\"1\"", """
                    {"educationStatus": "not-attending", "tookCertificationTest": true,
                     "certifications": [{"assessmentNumber": "7503", "result": "passed"}]}""");
            assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(200);
            assertThat(body(reopened).path("missing").toString()).contains("employmentStatus");
            List<ConsumerRecord<byte[], byte[]>> after = settledEvents(s.stn, 5);
            assertThat(after.subList(3, 5)).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(
                    "ctims.followup.report-saved.v1", "ctims.followup.follow-up-reopened.v1");
            assertThat(EventSchemas.violations("ctims.followup.follow-up-reopened.v1", payload(after.get(4)))).isEmpty();

            // A save that changes nothing is still a save: one report-saved, no flag event, no history row.
            int historyRows = count("select count(*) from report_history where report_id = ?", id);
            assertThat(put(id, teacher(w), "\"2\"", """
                    {"educationStatus": "not-attending", "tookCertificationTest": true,
                     "certifications": [{"assessmentNumber": "7503", "result": "passed"}]}""").statusCode()).isEqualTo(200);
            List<ConsumerRecord<byte[], byte[]>> unchanged = settledEvents(s.stn, 6);
            assertThat(KafkaTopics.header(unchanged.get(5), "ce_type")).isEqualTo("ctims.followup.report-saved.v1");
            assertThat(payload(unchanged.get(5)).path("version").asInt()).isEqualTo(3);
            assertThat(count("select count(*) from report_history where report_id = ?", id)).isEqualTo(historyRows);
        }

        @Test
        void anInvalidSaveListsEveryBadFieldAndChangesNothing() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            HttpResponse<String> refused = put(id, teacher(w), "\"0\"", """
                    {"email": "not-an-address", "deceased": true, "educationStatus": "college",
                     "employmentStatus": "unknown", "jobTitle": "x", "tookCertificationTest": true,
                     "certifications": [{"assessmentNumber": "4242", "result": "passed"},
                                        {"assessmentNumber": "1001", "clusterCode": "ED", "result": "passed"},
                                        {"assessmentNumber": "1001", "clusterCode": "AC", "result": "maybe"},
                                        {"assessmentNumber": "9999", "clusterCode": "AC", "result": "passed"}]}""");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            JsonNode problem = body(refused);
            assertThat(problem.path("type").asString()).isEqualTo("urn:ctims:problem:invalid-input");
            assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder(
                    "email", "educationStatus", "employmentStatus", "jobTitle",
                    "certifications[0].assessmentNumber", "certifications[1].clusterCode",
                    "certifications[2].assessmentNumber", "certifications[2].result",
                    "certifications[3].assessmentNumber");
            JsonNode report = body(call("GET", "/api/followups/" + id, teacher(w), null));
            assertThat(report.path("version").asInt()).isZero();
            assertThat(report.path("answers").path("deceased").asBoolean()).isFalse();
            assertThat(count("select count(*) from report_history where report_id = ?", id)).isZero();
            assertThat(count("select count(*) from outbox where event_key = ?", s.stn)).isZero();
        }

        @Test
        void deceasedClearsTheLockedAnswers() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);
            HttpResponse<String> deceased = put(id, teacher(w), "\"1\"", """
                    {"email": "jamie@example.org", "deceased": true, "tookCertificationTest": false}""");
            assertThat(deceased.statusCode()).as(deceased.body()).isEqualTo(200);
            JsonNode answers = body(deceased).path("answers");
            assertThat(answers.path("educationStatus").isNull()).isTrue();
            assertThat(answers.path("jobTitle").isNull()).isTrue();
            assertThat(body(deceased).path("followUpComplete").asBoolean()).isTrue();
            assertThat(body(deceased).path("certifications")).isEmpty();
        }

        @Test
        void followUpAnswersAreRefusedBelowGrade12WhileCertificationsAreRecorded() {
            World w = new World();
            Student s = w.student(10);
            UUID id = s.enrolled();
            HttpResponse<String> refused = put(id, teacher(w), "\"0\"", """
                    {"employmentStatus": "unknown", "tookCertificationTest": true}""");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(body(refused).path("errors").findValuesAsString("field")).containsExactly("employmentStatus");
            HttpResponse<String> saved = put(id, teacher(w), "\"0\"", """
                    {"tookCertificationTest": true, "certifications": [{"assessmentNumber": "1001", "clusterCode": "BA", "result": "not-passed"}]}""");
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
            assertThat(body(saved).path("followUpApplies").asBoolean()).isFalse();
            assertThat(body(saved).path("certificateComplete").asBoolean()).isTrue();
        }

        @Test
        void aBodyOfTheWrongShapeIsA400AndChangesNothing() {
            World w = new World();
            UUID id = w.student(12).enrolled();
            HttpResponse<String> refused = put(id, teacher(w), "\"0\"", "{\"deceased\": \"perhaps\"}");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(body(refused).path("type").asString()).isEqualTo("urn:ctims:problem:malformed-request");
            assertThat(put(id, teacher(w), "*", "{}").statusCode()).isEqualTo(422);
            assertThat(count("select version from report where id = ?", id)).isZero();
        }

        @Test
        void aStaleVersionIsRefusedWithTheCurrentOneAndAMissingIfMatchIs428() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            assertThat(put(id, teacher(w), null, COMPLETE_SENIOR).statusCode()).isEqualTo(428);
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);
            HttpResponse<String> stale = put(id, teacher(w), "\"0\"", "{\"deceased\": true}");
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(body(stale).path("currentVersion").asInt()).isEqualTo(1);
            assertThat(body(stale).path("type").asString()).isEqualTo("urn:ctims:problem:stale-version");
            assertThat(body(call("GET", "/api/followups/" + id, teacher(w), null)).path("answers").path("deceased").asBoolean()).isFalse();
        }

        @Test
        void twoTeachersSavingTheSameVersionAtOnceNeverOverwriteEachOther() throws Exception {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            s.enrolledWith(UUID.randomUUID(), w.teacherB, "Bob Baker", "Health");
            List<Callable<HttpResponse<String>>> saves = List.of(
                    () -> put(id, tokens.teacher(w.teacherA, w.pid), "\"0\"", "{\"jobTitle\": null, \"educationStatus\": \"unknown\"}"),
                    () -> put(id, tokens.teacher(w.teacherB, w.pid), "\"0\"", "{\"educationStatus\": \"secondary\"}"));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Integer> statuses = new ArrayList<>();
            try {
                for (Future<HttpResponse<String>> f : pool.invokeAll(saves)) {
                    statuses.add(f.get().statusCode());
                }
            } finally {
                pool.shutdown();
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
            assertThat(count("select version from report where id = ?", id)).isEqualTo(1);
            assertThat(count("select count(*) from report_history where report_id = ?", id)).isEqualTo(1);
        }
    }

    @Nested
    class Listing {

        @Test
        void theListFiltersSortsPagesAndCountsTheWholeFilter() throws Exception {
            World w = new World();
            Student senior = w.student(12);
            Student junior = w.student(11);
            Student other = w.student(12);
            UUID seniorId = senior.enrolled();
            junior.enrolled();
            other.enrolledWith(UUID.randomUUID(), w.teacherB, "Bob Baker", "Health");
            assertThat(put(seniorId, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);

            String base = "/api/followups?org=" + w.pid + "&year=" + w.year;
            JsonNode admin = body(call("GET", base + "&size=1&sort=stn,desc", tokens.schoolAdmin(w.pid), null));
            assertThat(admin.path("totalRows").asInt()).isEqualTo(3);
            assertThat(admin.path("rows")).hasSize(1);
            assertThat(admin.path("totalPages").asInt()).isEqualTo(3);
            assertThat(admin.path("totals").path("followUpApplicable").asInt()).isEqualTo(2);
            assertThat(admin.path("totals").path("followUpComplete").asInt()).isEqualTo(1);
            assertThat(admin.path("totals").path("followUpIncomplete").asInt()).isEqualTo(1);
            assertThat(admin.path("totals").path("certificateComplete").asInt()).isEqualTo(1);
            String highest = List.of(senior.stn, junior.stn, other.stn).stream().max(String::compareTo).orElseThrow();
            assertThat(admin.path("rows").get(0).path("stn").asString()).isEqualTo(highest);

            JsonNode mine = body(call("GET", base, teacher(w), null));
            assertThat(mine.path("rows").findValuesAsString("stn")).containsExactlyInAnyOrder(senior.stn, junior.stn);
            JsonNode row = mine.path("rows").get(0);
            assertThat(row.path("schoolName").asString()).isEqualTo("Sample High School " + w.pid);
            assertThat(row.path("teachers").asString()).isEqualTo("Alice Adams");

            JsonNode complete = body(call("GET", base + "&followUpComplete=true", tokens.schoolAdmin(w.pid), null));
            assertThat(complete.path("rows").findValuesAsString("stn")).containsExactly(senior.stn);
            JsonNode incomplete = body(call("GET", base + "&followUpComplete=false", tokens.schoolAdmin(w.pid), null));
            assertThat(incomplete.path("rows").findValuesAsString("stn")).containsExactly(other.stn);
            JsonNode byStn = body(call("GET", base + "&q=" + junior.stn.substring(2, 9), tokens.schoolAdmin(w.pid), null));
            assertThat(byStn.path("rows").findValuesAsString("stn")).containsExactly(junior.stn);
            JsonNode byTeacher = body(call("GET", base + "&teacher=" + w.teacherB, tokens.schoolAdmin(w.pid), null));
            assertThat(byTeacher.path("rows").findValuesAsString("stn")).containsExactly(other.stn);
            assertThat(body(call("GET", base + "&grade=11", tokens.stateAdmin(), null)).path("totalRows").asInt()).isEqualTo(1);

            // The export: same filter and order, every row, as .xlsx; out of scope it is refused like the list.
            HttpResponse<byte[]> export = download(base + "&sort=stn,desc", tokens.schoolAdmin(w.pid));
            assertThat(export.statusCode()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("spreadsheetml"));
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.body()))) {
                Sheet sheet = workbook.getSheetAt(0);
                assertThat(sheet.getRow(0).getCell(9).getStringCellValue()).isEqualTo("Follow-Up Completion?");
                assertThat(sheet.getLastRowNum()).isEqualTo(3);
                assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo(highest);
                List<String> completion = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    Cell cell = sheet.getRow(i).getCell(9);
                    completion.add(cell == null ? "" : cell.getStringCellValue());
                }
                assertThat(completion).containsExactlyInAnyOrder("Yes", "No", "");
            }
            assertThat(download(base.replace(w.pid, w.otherPid), teacher(w)).statusCode()).isEqualTo(403);

            HttpResponse<String> bad = call("GET", "/api/followups?org=x&year=2019&sort=shoe", tokens.stateAdmin(), null);
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(body(bad).path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("org", "year", "sort");
        }
    }

    @Nested
    class Authorization {

        World w;
        Student s;
        UUID id;

        @BeforeEach
        void aReportAtTheFirstSchool() {
            w = new World();
            s = w.student(12);
            id = s.enrolled();
        }

        @Test
        void aSecondSchoolsTeacherSeesNothingOnAnyEndpoint() {
            String stranger = tokens.teacher(digits(7), w.otherPid);
            assertThat(call("GET", "/api/followups/" + id, stranger, null).statusCode()).isEqualTo(404);
            assertThat(put(id, stranger, "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(404);
            assertThat(call("GET", "/api/followups/" + id + "/history", stranger, null).statusCode()).isEqualTo(404);
            assertThat(call("GET", "/api/followups?org=" + w.pid + "&year=" + w.year, stranger, null).statusCode()).isEqualTo(403);
            JsonNode ownSchool = body(call("GET", "/api/followups?org=" + w.otherPid + "&year=" + w.year, stranger, null));
            assertThat(ownSchool.path("totalRows").asInt()).isZero();
            // The same staff id at another school is still a stranger to this school's reports.
            String sameIdElsewhere = tokens.teacher(w.teacherA, w.otherPid);
            assertThat(call("GET", "/api/followups/" + id, sameIdElsewhere, null).statusCode()).isEqualTo(404);
            assertThat(put(id, sameIdElsewhere, "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(404);
            assertThat(count("select version from report where id = ?", id)).isZero();
        }

        @Test
        void aTeacherOfTheSameSchoolWhoDoesNotTeachTheStudentSeesNothing() {
            String colleague = tokens.teacher(w.teacherB, w.pid);
            assertThat(call("GET", "/api/followups/" + id, colleague, null).statusCode()).isEqualTo(404);
            assertThat(put(id, colleague, "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(404);
            assertThat(call("GET", "/api/followups/" + id + "/history", colleague, null).statusCode()).isEqualTo(404);
            assertThat(body(call("GET", "/api/followups?org=" + w.pid + "&year=" + w.year, colleague, null))
                    .path("totalRows").asInt()).isZero();
        }

        @Test
        void aSchoolAdminWritesAndStateStaffOnlyRead() {
            HttpResponse<String> admin = put(id, tokens.schoolAdmin(w.pid), "\"0\"", COMPLETE_SENIOR);
            assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
            assertThat(call("GET", "/api/followups/" + id, tokens.stateAdmin(), null).statusCode()).isEqualTo(200);
            assertThat(call("GET", "/api/followups/" + id + "/history", tokens.stateAdmin(), null).statusCode()).isEqualTo(200);
            assertThat(put(id, tokens.stateAdmin(), "\"1\"", "{}").statusCode()).isEqualTo(403);
            assertThat(put(id, tokens.schoolAdmin(w.otherPid), "\"1\"", "{}").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Catalog {

        @Test
        void anOlderCatalogEventArrivingLateDoesNotReviveARetiredAssessment() {
            World w = new World();
            Instant now = Instant.now();
            Map<String, Object> published = new LinkedHashMap<>(Map.of("schoolYear", w.year, "number", "5555",
                    "name", "Welding", "clusters", List.of("AC")));
            Map<String, Object> retired = new LinkedHashMap<>(published);
            retired.put("retiredAt", now.toString());
            feeds.sendCatalog(w.year + ":5555", "ctims.certification.assessment-retired.v1", retired, now.plusSeconds(10));
            feeds.sendCatalog(w.year + ":5555", "ctims.certification.assessment-published.v1", published, now);
            // The marker shares the key (so the partition and order) of the events before it.
            feeds.sendCatalog(w.year + ":5555", "ctims.certification.assessment-published.v1",
                    Map.of("schoolYear", w.year, "number", "6666", "name", "Marker", "clusters", List.of("BA")), now);
            await().until(() -> count("select count(*) from catalog_assessment where school_year = ? and number = '6666'", w.year) == 1);
            assertThat(jdbc.queryForObject("select retired from catalog_assessment where school_year = ? and number = '5555'",
                    Boolean.class, w.year)).isTrue();
        }

        @Test
        void aRetiredAssessmentIsRefusedForNewEntriesAndInvalidCatalogEventsAreDeadLettered() {
            World w = new World();
            Student s = w.student(11);
            UUID id = s.enrolled();
            HttpResponse<String> ok = put(id, teacher(w), "\"0\"", """
                    {"tookCertificationTest": true, "certifications": [{"assessmentNumber": "1001", "clusterCode": "AC", "result": "passed"}]}""");
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            // 1001 is retired now: the stored entry stays valid, adding it elsewhere does not.
            feeds.assessment(w.year, "1001", "Carpentry", List.of("AC", "BA"), true);
            await().until(() -> Boolean.TRUE.equals(jdbc.queryForObject(
                    "select retired from catalog_assessment where school_year = ? and number = '1001'", Boolean.class, w.year)));
            HttpResponse<String> kept = put(id, teacher(w), "\"1\"", """
                    {"tookCertificationTest": true, "certifications": [{"assessmentNumber": "1001", "clusterCode": "AC", "result": "not-passed"}]}""");
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            UUID other = w.student(11).enrolled();
            HttpResponse<String> refused = put(other, teacher(w), "\"0\"", """
                    {"tookCertificationTest": true, "certifications": [{"assessmentNumber": "1001", "clusterCode": "AC", "result": "passed"}]}""");
            assertThat(refused.statusCode()).isEqualTo(422);

            String key = w.year + ":bad";
            feeds.rawCatalog(key, "ctims.certification.assessment-published.v1",
                    json.writeValueAsBytes(Map.of("schoolYear", w.year, "number", "7", "name", "No clusters", "clusters", List.of())));
            feeds.rawCatalog(key, "ctims.certification.something-else.v1", "{}".getBytes(StandardCharsets.UTF_8));
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readUntil(brokers, "error." + catalogTopic + ".followup",
                    r -> key.equals(KafkaTopics.key(r)), records -> records.size() >= 2);
            assertThat(dead).hasSize(2);
            assertThat(count("select count(*) from catalog_assessment where school_year = ? and number = '7'", w.year)).isZero();
        }
    }

    // --- bulk entry ---------------------------------------------------------------------------

    HttpResponse<String> upload(String query, String token, byte[] file) {
        String boundary = "----ctims" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"answers.xlsx\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/followups/imports?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(List.of(head, file, tail)))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> template(World w, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/followups/imports/template?org="
                        + w.pid + "&year=" + w.year))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode rowOf(JsonNode result, int row) {
        for (JsonNode r : result.path("results")) {
            if (r.path("row").asInt() == row) {
                return r;
            }
        }
        throw new AssertionError("no row " + row + " in " + result);
    }

    @Nested
    class BulkEntry {

        static final Object[] HEADER = {"STN", "Student", "Education status", "Employment status", "Job related to coursework",
                "Self-employed", "Job title", "Took a certification test", "Assessment 1", "Cluster 1", "Result 1"};

        @Test
        void theTemplateHoldsTheCallersStudentsWithTheirAnswersAndUploadingItUnchangedChangesNothing() throws Exception {
            World w = new World();
            Student senior = w.student(12);
            Student junior = w.student(10);
            Student notMine = w.student(12);
            UUID seniorId = senior.enrolled();
            junior.enrolled();
            notMine.enrolledWith(UUID.randomUUID(), w.teacherB, "Bob Baker", "Health");
            assertThat(put(seniorId, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);

            HttpResponse<byte[]> template = template(w, teacher(w));
            assertThat(template.statusCode()).isEqualTo(200);
            assertThat(template.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("spreadsheetml"));
            Map<String, Map<String, String>> rows = new LinkedHashMap<>();
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(template.body()))) {
                Sheet sheet = workbook.getSheet("Students");
                List<String> header = new ArrayList<>();
                sheet.getRow(0).forEach(c -> header.add(c.getStringCellValue()));
                assertThat(header).startsWith("STN", "Student", "Grade", "Teacher(s)", "Version", "Email", "Deceased");
                assertThat(header).contains("Assessment 3", "Cluster 3", "Result 3");
                for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (int c = 0; c < header.size(); c++) {
                        Cell cell = sheet.getRow(r).getCell(c);
                        cells.put(header.get(c), cell == null ? null : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(cell));
                    }
                    rows.put(cells.get("STN"), cells);
                }
                assertThat(workbook.getSheet("Values")).isNotNull();
            }
            assertThat(rows).containsOnlyKeys(senior.stn, junior.stn);
            assertThat(rows.get(senior.stn)).containsEntry("Version", "1").containsEntry("Employment status",
                    "Employed full-time civilian (35 hours or more a week)").containsEntry("Assessment 1", "7503")
                    .containsEntry("Cluster 1", "ED").containsEntry("Result 1", "Test passed").containsEntry("Teacher(s)", "Alice Adams");
            assertThat(rows.get(junior.stn)).containsEntry("Version", "0").containsEntry("Deceased", null);

            HttpResponse<String> preview = upload("org=" + w.pid + "&year=" + w.year + "&dryRun=true", teacher(w), template.body());
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            JsonNode result = body(preview);
            assertThat(result.path("committed").asBoolean()).isFalse();
            assertThat(result.path("rows").asInt()).isEqualTo(2);
            assertThat(result.path("unchanged").asInt()).isEqualTo(2);
            assertThat(result.path("errors")).isEmpty();

            assertThat(template(w, tokens.stateAdmin()).statusCode()).isEqualTo(403);
            assertThat(template(w, tokens.teacher(w.teacherA, w.otherPid)).statusCode()).isEqualTo(403);
        }

        @Test
        void aPreviewListsEveryChangeAndEveryErrorByRowAndColumnAndChangesNothing() {
            World w = new World();
            Student senior = w.student(12);
            Student junior = w.student(11);
            Student colleagues = w.student(12);
            UUID seniorId = senior.enrolled();
            UUID juniorId = junior.enrolled();
            colleagues.enrolledWith(UUID.randomUUID(), w.teacherB, "Bob Baker", "Health");
            String otherSchool = digits(10);

            byte[] file = BulkWorkbook.with(HEADER)
                    .row(senior.stn, "ignored", "Not attending school", "employed-full-time-civilian", "yes", "no", "Welder", "yes",
                            "Carpentry - 1001", "BA", "Test passed")
                    .row(junior.stn, null, null, "unknown", "maybe", null, null, "yes", "4242", null, "passed")
                    .row(colleagues.stn, null, "unknown")
                    .row(otherSchool, null, "unknown")
                    .row("12345", null, "unknown")
                    .row(senior.stn, null, "unknown")
                    .bytes();
            HttpResponse<String> preview = upload("org=" + w.pid + "&year=" + w.year + "&dryRun=true", teacher(w), file);
            assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
            JsonNode result = body(preview);
            assertThat(result.path("rows").asInt()).isEqualTo(6);
            assertThat(result.path("changed").asInt()).isEqualTo(1);
            assertThat(result.path("invalid").asInt()).isEqualTo(5);

            JsonNode seniorRow = rowOf(result, 2);
            assertThat(seniorRow.path("outcome").asString()).isEqualTo("would-change");
            assertThat(seniorRow.path("reportId").asString()).isEqualTo(seniorId.toString());
            assertThat(seniorRow.path("changes").findValuesAsString("field")).contains("educationStatus", "employmentStatus",
                    "jobRelated", "selfEmployed", "jobTitle", "tookCertificationTest", "certifications[1001]");

            JsonNode juniorRow = rowOf(result, 3);
            assertThat(juniorRow.path("outcome").asString()).isEqualTo("invalid");
            assertThat(juniorRow.path("reportId").asString()).isEqualTo(juniorId.toString());
            assertThat(juniorRow.path("errors").findValuesAsString("column")).containsExactlyInAnyOrder(
                    "Job related to coursework", "Employment status", "Assessment 1");
            assertThat(rowOf(result, 4).path("errors").get(0).path("column").asString()).isEqualTo("STN");
            assertThat(rowOf(result, 4).path("errors").get(0).path("reason").asString()).contains("that you may edit");
            assertThat(rowOf(result, 4).path("reportId").isNull()).as("a colleague's student is not revealed").isTrue();
            assertThat(rowOf(result, 5).path("errors").get(0).path("reason").asString()).contains("that you may edit");
            assertThat(rowOf(result, 6).path("errors").get(0).path("reason").asString()).contains("10 digits");
            assertThat(rowOf(result, 7).path("errors").get(0).path("reason").asString()).contains("already on row 2");
            assertThat(result.path("errors").findValuesAsString("column")).hasSize(7);

            assertThat(count("select count(*) from report where id in (?, ?) and version > 0", seniorId, juniorId)).isZero();
            assertThat(count("select count(*) from outbox where event_key in (?, ?)", senior.stn, junior.stn)).isZero();
            assertThat(count("select count(*) from report_history where report_id in (?, ?)", seniorId, juniorId)).isZero();
        }

        @Test
        void aCommitSavesTheValidRowsAsAuditedSavesWithOneSetOfEventsEachAndCommittingAgainChangesNothing() {
            World w = new World();
            Student senior = w.student(12);
            Student junior = w.student(11);
            UUID seniorId = senior.enrolled();
            UUID juniorId = junior.enrolled();
            byte[] file = BulkWorkbook.with(HEADER)
                    .row(senior.stn, null, "Not attending school", "Employed full-time military", null, null, "Private", "no")
                    .row(junior.stn, null, "secondary")
                    .bytes();
            String query = "org=" + w.pid + "&year=" + w.year;

            HttpResponse<String> committed = upload(query, tokens.schoolAdmin(w.pid), file);
            assertThat(committed.statusCode()).as(committed.body()).isEqualTo(200);
            JsonNode result = body(committed);
            assertThat(result.path("committed").asBoolean()).isTrue();
            assertThat(result.path("changed").asInt()).isEqualTo(1);
            assertThat(result.path("invalid").asInt()).isEqualTo(1);
            assertThat(rowOf(result, 2).path("outcome").asString()).isEqualTo("saved");
            assertThat(rowOf(result, 2).path("version").asInt()).isEqualTo(1);
            assertThat(rowOf(result, 3).path("errors").get(0).path("column").asString()).isEqualTo("Education status");

            JsonNode report = body(call("GET", "/api/followups/" + seniorId, teacher(w), null));
            assertThat(report.path("version").asInt()).isEqualTo(1);
            assertThat(report.path("followUpComplete").asBoolean()).isTrue();
            assertThat(report.path("answers").path("jobTitle").asString()).isEqualTo("Private");
            assertThat(report.path("lastSavedBy").path("username").asString()).isEqualTo("admin");
            JsonNode history = body(call("GET", "/api/followups/" + seniorId + "/history", teacher(w), null));
            assertThat(history.findValuesAsString("field")).containsExactlyInAnyOrder("educationStatus", "employmentStatus",
                    "jobTitle", "tookCertificationTest");
            assertThat(history.findValuesAsString("changedBy")).containsOnly("admin");
            assertThat(count("select version from report where id = ?", juniorId)).isZero();

            // The same file again: the saved row is unchanged now, the invalid one still invalid; nothing is saved.
            JsonNode again = body(upload(query, tokens.schoolAdmin(w.pid), file));
            assertThat(again.path("changed").asInt()).isZero();
            assertThat(again.path("unchanged").asInt()).isEqualTo(1);
            assertThat(count("select version from report where id = ?", seniorId)).isEqualTo(1);

            // One save through the API afterwards: its event directly follows the import's, so the second commit emitted none.
            assertThat(put(seniorId, teacher(w), "\"1\"", "{\"deceased\": true, \"tookCertificationTest\": false}").statusCode())
                    .isEqualTo(200);
            List<ConsumerRecord<byte[], byte[]>> events = settledEvents(senior.stn, 4);
            assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(
                    "ctims.followup.report-saved.v1", "ctims.followup.follow-up-completed.v1",
                    "ctims.followup.certifications-completed.v1", "ctims.followup.report-saved.v1");
            assertThat(payload(events.get(0)).path("version").asInt()).isEqualTo(1);
            assertThat(payload(events.get(0)).path("lastSavedBy").path("username").asString()).isEqualTo("admin");
            assertThat(payload(events.get(3)).path("version").asInt()).isEqualTo(2);
            assertThat(count("select count(*) from outbox where event_key = ?", junior.stn)).isZero();
        }

        @Test
        void aRowWhoseReportWasSavedSinceTheFileWasMadeIsRefusedUntilItsVersionIsCleared() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            String query = "org=" + w.pid + "&year=" + w.year;
            assertThat(put(id, teacher(w), "\"0\"", "{\"educationStatus\": \"secondary\"}").statusCode()).isEqualTo(200);

            byte[] stale = BulkWorkbook.with("STN", "Version", "Education status").row(s.stn, 0, "unknown").bytes();
            JsonNode refused = body(upload(query, teacher(w), stale));
            assertThat(rowOf(refused, 2).path("outcome").asString()).isEqualTo("invalid");
            assertThat(rowOf(refused, 2).path("errors").get(0).path("column").asString()).isEqualTo("Version");
            assertThat(rowOf(refused, 2).path("errors").get(0).path("reason").asString()).contains("version 0, now 1");
            assertThat(body(call("GET", "/api/followups/" + id, teacher(w), null)).path("answers").path("educationStatus").asString())
                    .isEqualTo("secondary");

            byte[] current = BulkWorkbook.with("STN", "Version", "Education status").row(s.stn, 1, "unknown").bytes();
            assertThat(rowOf(body(upload(query, teacher(w), current)), 2).path("outcome").asString()).isEqualTo("saved");
            byte[] noVersion = BulkWorkbook.with("STN", "Education status").row(s.stn, "Not attending school").bytes();
            assertThat(rowOf(body(upload(query, teacher(w), noVersion)), 2).path("outcome").asString()).isEqualTo("saved");
            assertThat(count("select version from report where id = ?", id)).isEqualTo(3);
        }

        @Test
        void badFilesAndRequestsAreRefusedWithProblemDetailsAndChangeNothing() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            String query = "org=" + w.pid + "&year=" + w.year;
            byte[] valid = BulkWorkbook.with("STN", "Education status").row(s.stn, "unknown").bytes();

            Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
            answers.put("415 unsupported-file-type", upload(query, teacher(w), "STN;Education\n1;x\n".getBytes(StandardCharsets.UTF_8)));
            answers.put("422 encrypted-workbook", upload(query, teacher(w), HostileWorkbooks.encrypted(valid, "pw")));
            answers.put("422 corrupt-workbook", upload(query, teacher(w), HostileWorkbooks.truncated(valid)));
            answers.put("422 suspicious-workbook", upload(query, teacher(w), HostileWorkbooks.zipBomb(valid, 10)));
            answers.put("422 invalid-import-file", upload(query, teacher(w), BulkWorkbook.with("Name", "Email").row("x", "y").bytes()));
            answers.put("413 payload-too-large", upload(query, teacher(w), new byte[5 * 1024 * 1024 + 1]));
            answers.put("403 forbidden", upload(query, tokens.stateAdmin(), valid));
            answers.put("403 organization-not-in-scope", upload("org=" + w.otherPid + "&year=" + w.year, teacher(w), valid));
            answers.put("422 invalid-input", upload("org=x&year=2019", teacher(w), valid));
            answers.forEach((expected, response) -> {
                assertThat(response.statusCode() + " " + body(response).path("type").asString().replace("urn:ctims:problem:", ""))
                        .as(response.body()).isEqualTo(expected);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
            });
            assertThat(count("select version from report where id = ?", id)).isZero();
        }
    }

    @Nested
    class LoadLimits {

        @Autowired
        BulkheadRegistry bulkheads;
        @Autowired
        HeavyRequests heavy;

        @Test
        void anExportWhileTheSameUsersLastOneRunsIs429AndOneOverTheBulkheadIs503() throws Exception {
            World w = new World();
            w.student(12).enrolled();
            String list = "/api/followups?org=" + w.pid + "&year=" + w.year;
            CurrentUser teacherA = new CurrentUser(UUID.nameUUIDFromBytes(("teacher-" + w.teacherA).getBytes(StandardCharsets.UTF_8)).toString(),
                    "teacher-" + w.teacherA, "Alice Adams", Set.of(Role.TEACHER), Set.of(w.pid), w.teacherA);
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<?> held = pool.submit(() -> heavy.run(WorkbookRequests.EXPORTS, teacherA, () -> {
                    running.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
                assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
                HttpResponse<byte[]> again = download(list, teacher(w));
                assertThat(again.statusCode()).isEqualTo(429);
                assertThat(again.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(json.readTree(again.body()).path("type").asString()).isEqualTo("urn:ctims:problem:one-at-a-time");
                assertThat(download(list, tokens.schoolAdmin(w.pid)).statusCode()).as("another user").isEqualTo(200);
                release.countDown();
                held.get(10, TimeUnit.SECONDS);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
            assertThat(download(list, teacher(w)).statusCode()).isEqualTo(200);

            Bulkhead exports = bulkheads.bulkhead(WorkbookRequests.EXPORTS.bulkhead());
            int slots = exports.getBulkheadConfig().getMaxConcurrentCalls();
            for (int i = 0; i < slots; i++) {
                exports.acquirePermission();
            }
            try {
                HttpResponse<byte[]> busy = download(list, teacher(w));
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(json.readTree(busy.body()).path("type").asString()).isEqualTo("urn:ctims:problem:busy");
                assertThat(template(w, teacher(w)).statusCode()).as("the template counts as an export").isEqualTo(503);
                assertThat(call("GET", "/api/followups/" + w.student(12).enrolled(), teacher(w), null).statusCode())
                        .as("single reports are never limited").isEqualTo(200);
            } finally {
                for (int i = 0; i < slots; i++) {
                    exports.onComplete();
                }
            }
            assertThat(download(list, teacher(w)).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class StnChange {

        @Test
        void theAnswersFollowTheStudentToTheNewStnAsOneAuditedSaveWhicheverEventArrivesFirst() {
            for (boolean additionFirst : List.of(true, false)) {
                World w = new World();
                Student s = w.student(12);
                UUID enrollment = UUID.randomUUID();
                UUID oldId = s.enrolledWith(enrollment, w.teacherA, "Alice Adams", "Business");
                UUID second = UUID.randomUUID();
                s.enrolledWith(second, w.teacherB, "Bob Baker", "Health");
                assertThat(put(oldId, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);

                // The roster publishes a removal under the old STN and an addition under the new one; on
                // different keys they may arrive in either order.
                Student renumbered = new Student(w, digits(10), 12);
                Instant t = Instant.now();
                Map<String, Object> removal = s.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "removed");
                Map<String, Object> addition = renumbered.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "added");
                if (additionFirst) {
                    feeds.enrollment(RECORDED, addition, t.plusSeconds(1));
                    feeds.enrollment(REMOVED, removal, t);
                } else {
                    feeds.enrollment(REMOVED, removal, t);
                    feeds.enrollment(RECORDED, addition, t.plusSeconds(1));
                }
                await().until(() -> count("select count(*) from report where stn = ? and version = 1", renumbered.stn) == 1
                        && count("select count(*) from report_enrollment where enrollment_id = ? and removed", enrollment) == 0);

                UUID newId = renumbered.reportId();
                JsonNode report = body(call("GET", "/api/followups/" + newId, teacher(w), null));
                assertThat(report.path("answers").path("jobTitle").asString()).isEqualTo("Assistant teacher");
                assertThat(report.path("certifications").get(0).path("assessmentNumber").asString()).isEqualTo("7503");
                assertThat(report.path("followUpComplete").asBoolean()).isTrue();
                assertThat(report.path("removed").asBoolean()).isFalse();
                assertThat(report.path("lastSavedBy").path("username").asString()).isEqualTo("roster");
                JsonNode history = body(call("GET", "/api/followups/" + newId + "/history", teacher(w), null));
                assertThat(history.findValuesAsString("field")).contains("educationStatus", "jobTitle", "certifications[7503]");
                assertThat(history.get(0).path("changedByName").asString()).contains(s.stn);
                Map<String, Object> carried = jdbc.queryForMap("select username, subject, record_ids::text as ids, details"
                        + " from audit_entry where action = 'followup.report.carry-over' and stns @> array[?]::text[]", renumbered.stn);
                assertThat(carried).containsEntry("username", "roster").containsEntry("subject", "system:roster")
                        .containsEntry("ids", "{" + newId + "," + oldId + "}");
                assertThat((String) carried.get("details")).contains("\"version\":1", "jobTitle");

                List<ConsumerRecord<byte[], byte[]>> events = settledEvents(renumbered.stn, 3);
                assertThat(events).extracting(r -> KafkaTopics.header(r, "ce_type")).containsExactly(
                        "ctims.followup.report-saved.v1", "ctims.followup.follow-up-completed.v1",
                        "ctims.followup.certifications-completed.v1");
                assertThat(EventSchemas.violations("ctims.followup.report-saved.v1", payload(events.get(0)))).isEmpty();

                // The second teacher's enrollment moving later carries nothing again: the new report was saved.
                assertThat(put(newId, teacher(w), "\"1\"", "{\"deceased\": true, \"tookCertificationTest\": false}").statusCode())
                        .isEqualTo(200);
                Instant later = Instant.now();
                feeds.enrollment(REMOVED, s.enrollment(second, w.teacherB, "Bob Baker", "Health", "removed"), later);
                feeds.enrollment(RECORDED, renumbered.enrollment(second, w.teacherB, "Bob Baker", "Health", "added"), later.plusSeconds(1));
                await().until(() -> newId.equals(jdbc.queryForObject("select report_id from report_enrollment where enrollment_id = ?",
                        UUID.class, second)) && Boolean.TRUE.equals(jdbc.queryForObject("select removed from report where id = ?",
                        Boolean.class, oldId)));
                assertThat(count("select version from report where id = ?", newId)).isEqualTo(2);
                assertThat(body(call("GET", "/api/followups/" + newId, teacher(w), null)).path("answers").path("deceased").asBoolean()).isTrue();
                JsonNode old = body(call("GET", "/api/followups/" + oldId, tokens.schoolAdmin(w.pid), null));
                assertThat(old.path("removed").asBoolean()).isTrue();
                assertThat(old.path("answers").path("jobTitle").asString()).as("the old report keeps its answers").isEqualTo("Assistant teacher");
            }
        }

        @Test
        void aNewStnWhoseReportWasAlreadySavedKeepsItsOwnAnswers() {
            World w = new World();
            Student s = w.student(12);
            Student renumbered = new Student(w, digits(10), 12);
            UUID enrollment = UUID.randomUUID();
            UUID oldId = s.enrolledWith(enrollment, w.teacherA, "Alice Adams", "Business");
            UUID newId = renumbered.enrolledWith(UUID.randomUUID(), w.teacherB, "Bob Baker", "Health");
            assertThat(put(oldId, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);
            assertThat(put(newId, tokens.teacher(w.teacherB, w.pid), "\"0\"", "{\"educationStatus\": \"secondary\"}").statusCode())
                    .isEqualTo(200);

            feeds.enrollment(RECORDED, renumbered.enrollment(enrollment, w.teacherA, "Alice Adams", "Business", "added"),
                    Instant.now().plusSeconds(1));
            await().until(() -> newId.equals(jdbc.queryForObject("select report_id from report_enrollment where enrollment_id = ?",
                    UUID.class, enrollment)));
            assertThat(count("select version from report where id = ?", newId)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select education_status from report where id = ?", String.class, newId)).isEqualTo("secondary");
        }
    }
    /** docs/SECURITY.md "Audit log": every read of students' reports and every change, queryable by state staff. */
    @Nested
    class Audit {

        JsonNode entries(String query) {
            HttpResponse<String> answer = call("GET", "/api/followups/audit?" + query, tokens.stateAdmin(), null);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return body(answer);
        }

        List<String> actions(JsonNode page) {
            List<String> actions = new ArrayList<>();
            page.path("entries").forEach(e -> actions.add(e.path("action").asString()));
            return actions;
        }

        @Test
        void everyReadAndChangeOfAStudentsReportLeavesOneEntryThatStateStaffFindByStn() {
            World w = new World();
            Student s = w.student(12);
            Student classmate = w.student(12);
            UUID id = s.enrolled();
            classmate.enrolled();
            String list = "/api/followups?org=" + w.pid + "&year=" + w.year;
            // a header the caller wrote itself is not believed: the service's peer is no trusted proxy
            assertThat(call("GET", list + "&q=Rivera&size=50", teacher(w), null, "X-Forwarded-For", "203.0.113.50").statusCode())
                    .isEqualTo(200);
            assertThat(call("GET", "/api/followups/" + id, teacher(w), null).statusCode()).isEqualTo(200);
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);
            assertThat(call("GET", "/api/followups/" + id + "/history", teacher(w), null).statusCode()).isEqualTo(200);
            assertThat(download(list, teacher(w)).statusCode()).isEqualTo(200);
            assertThat(template(w, teacher(w)).statusCode()).isEqualTo(200);
            byte[] file = BulkWorkbook.with("STN", "Education status").row(s.stn, "unknown").bytes();
            assertThat(upload("org=" + w.pid + "&year=" + w.year + "&dryRun=true", tokens.schoolAdmin(w.pid), file).statusCode())
                    .isEqualTo(200);
            assertThat(upload("org=" + w.pid + "&year=" + w.year, tokens.schoolAdmin(w.pid), file).statusCode()).isEqualTo(200);

            JsonNode page = entries("stn=" + s.stn);
            assertThat(actions(page)).containsExactly("followup.import.commit", "followup.report.save", "followup.import.preview",
                    "followup.import.template", "followup.export", "followup.report.history", "followup.report.save",
                    "followup.report.read", "followup.list");
            assertThat(page.path("totalEntries").asLong()).isEqualTo(9);
            JsonNode listed = page.path("entries").get(8);
            assertThat(listed.path("username").asString()).isEqualTo("teacher-" + w.teacherA);
            assertThat(listed.path("roles").toString()).isEqualTo("[\"teacher\"]");
            assertThat(listed.path("organizationPid").asString()).isEqualTo(w.pid);
            assertThat(listed.path("schoolYear").asString()).isEqualTo(w.year);
            assertThat(listed.path("stns").toString()).contains(s.stn, classmate.stn);
            assertThat(listed.path("resultCount").asInt()).isEqualTo(2);
            assertThat(listed.path("details").path("q").asString()).isEqualTo("Rivera");
            assertThat(listed.path("details").path("size").asInt()).isEqualTo(50);
            assertThat(listed.path("clientAddress").asString()).isEqualTo("127.0.0.1");
            assertThat(listed.path("forwardedFor").isNull()).isTrue();
            JsonNode saved = page.path("entries").get(6);
            assertThat(saved.path("recordIds").toString()).isEqualTo("[\"" + id + "\"]");
            assertThat(saved.path("details").path("version").asInt()).isEqualTo(1);
            assertThat(saved.path("details").path("fields").toString()).contains("educationStatus", "employmentStatus");
            JsonNode commit = page.path("entries").get(0);
            assertThat(commit.path("username").asString()).startsWith("admin");
            assertThat(commit.path("details").path("changed").asInt()).isEqualTo(1);
            assertThat(page.path("entries").get(1).path("details").path("version").asInt()).isEqualTo(2);
            // the classmate appears in the list, export and template, not in what concerned s alone
            assertThat(actions(entries("stn=" + classmate.stn))).containsExactly("followup.import.template", "followup.export",
                    "followup.list");
            assertThat(actions(entries("stn=" + s.stn + "&user=teacher-" + w.teacherA + "&action=followup.report.save")))
                    .containsExactly("followup.report.save");
            assertThat(entries("stn=" + s.stn + "&to=" + Instant.now().minusSeconds(3600)).path("entries")).isEmpty();
            assertThat(entries("org=" + w.pid + "&size=2&page=1").path("entries")).hasSize(2);
        }

        @Test
        void aRefusedSaveLeavesNoEntryAndAnAcceptedOneCommitsWithIt() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            assertThat(put(id, teacher(w), "\"0\"", "{\"educationStatus\": \"on-the-moon\"}").statusCode()).isEqualTo(422);
            assertThat(put(id, teacher(w), "\"7\"", COMPLETE_SENIOR).statusCode()).isEqualTo(409);
            assertThat(put(id, tokens.stateAdmin(), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(403);
            assertThat(entries("stn=" + s.stn).path("entries")).isEmpty();
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR).statusCode()).isEqualTo(200);
            assertThat(count("select count(*) from audit_entry where action = 'followup.report.save' and stns @> array[?]::text[]",
                    s.stn)).isEqualTo(1);
            assertThat(count("select count(*) from report_history where report_id = ?", id)).isPositive();
        }

        @Test
        void badFiltersAreA422ListingEachAndChangeNothing() {
            long before = count("select count(*) from audit_entry");
            HttpResponse<String> answer = call("GET", "/api/followups/audit?stn=123&org=x&from=yesterday&to=2020-01-01&size=0&page=-1",
                    tokens.stateAdmin(), null);
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            List<String> fields = new ArrayList<>();
            body(answer).path("errors").forEach(e -> fields.add(e.path("field").asString()));
            assertThat(fields).containsExactlyInAnyOrder("stn", "org", "from", "size", "page");
            assertThat(call("GET", "/api/followups/audit?from=2026-12-05&to=2026-12-04", tokens.stateAdmin(), null).statusCode())
                    .isEqualTo(422);
            assertThat(call("GET", "/api/followups/audit?size=ten", tokens.stateAdmin(), null).statusCode()).isEqualTo(400);
            assertThat(count("select count(*) from audit_entry")).isEqualTo(before);
        }

        @Test
        void theVerificationFindsARowChangedInTheDatabaseAtExactlyThatRow() {
            World w = new World();
            Student s = w.student(12);
            UUID id = s.enrolled();
            assertThat(call("GET", "/api/followups/" + id, teacher(w), null).statusCode()).isEqualTo(200);
            long seq = jdbc.queryForObject("select max(seq) from audit_entry where stns @> array[?]::text[]", Long.class, s.stn);
            JsonNode valid = body(call("GET", "/api/followups/audit/verification", tokens.stateAdmin(), null));
            assertThat(valid.path("valid").asBoolean()).as(valid.toString()).isTrue();
            assertThat(valid.path("lastSeq").asLong()).isGreaterThanOrEqualTo(seq);
            try {
                tamper("update audit_entry set username = 'someone-else' where seq = " + seq);
                JsonNode broken = body(call("GET", "/api/followups/audit/verification", tokens.stateAdmin(), null));
                assertThat(broken.path("valid").asBoolean()).isFalse();
                assertThat(broken.path("brokenSeq").asLong()).isEqualTo(seq);
                assertThat(broken.path("problem").asString()).contains("does not match its hash");
            } finally {
                tamper("update audit_entry set username = 'teacher-" + w.teacherA + "' where seq = " + seq);
            }
            assertThat(body(call("GET", "/api/followups/audit/verification", tokens.stateAdmin(), null)).path("valid").asBoolean())
                    .isTrue();
            assertThat(count("select count(*) from audit_entry where action = 'audit.verification'")).isGreaterThanOrEqualTo(3);
        }

        @Test
        void theNewestEntrysSequenceNumberIsAMetricForAlerts() throws Exception {
            World w = new World();
            UUID id = w.student(12).enrolled();
            assertThat(call("GET", "/api/followups/" + id, teacher(w), null).statusCode()).isEqualTo(200);
            long seq = jdbc.queryForObject("select max(seq) from audit_entry", Long.class);
            await().untilAsserted(() -> {
                String metrics = get("/actuator/prometheus", null).body();
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("(?m)^ctims_audit_last_seq\\{application=\"followup-service\"} (\\S+)$").matcher(metrics);
                assertThat(m.find()).as("ctims_audit_last_seq in %s", metrics.length() > 200 ? "the metrics" : metrics).isTrue();
                assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(seq);
            });
        }

        void tamper(String sql) {
            jdbc.execute("alter table audit_entry disable trigger audit_entry_append_only");
            try {
                jdbc.execute(sql);
            } finally {
                jdbc.execute("alter table audit_entry enable trigger audit_entry_append_only");
            }
        }
    }

    /**
     * Every endpoint, every caller: {@code src/test/resources/authorization-matrix.md}. The other
     * school's teacher has the same staff id as the first school's.
     */
    /**
     * A student enrolled from the roster stream, a save refused for its e-mail, a save that is
     * published, and two enrollment events rejected to the dead-letter topic (unreadable, a short
     * STN): no log line of the service names the student's STN, name, birth date or e-mail.
     */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class PersonalDataInLogs {

        @Test
        void savesAndRejectedEventsAreLoggedWithoutTheStudentsData(CapturedOutput output) {
            World w = new World();
            Student s = w.student(12);
            UUID enrollmentId = UUID.randomUUID();
            Map<String, Object> payload = s.enrollment(enrollmentId, w.teacherA, "Alice Adams", "Business and Marketing", "added");
            @SuppressWarnings("unchecked")
            Map<String, Object> student = (Map<String, Object>) payload.get("student");
            student.put("givenName", "Ottoline");
            student.put("familyName", "Wexford-Pryce");
            student.put("birthDate", "2001-07-19");
            student.put("email", "ottoline.wexford@students.example.org");
            feeds.enrollment(RECORDED, payload, Instant.now());
            await().until(() -> count("select count(*) from report_enrollment where enrollment_id = ?", enrollmentId) == 1);
            UUID id = s.reportId();

            assertThat(put(id, teacher(w), "\"0\"", """
                    {"email": "ottoline at students.example.org", "deceased": false}""").statusCode()).isEqualTo(422);
            assertThat(put(id, teacher(w), "\"0\"", COMPLETE_SENIOR.replace("jamie@example.org", "o.wexford@mail.example.org"))
                    .statusCode()).isEqualTo(200);
            settledEvents(s.stn, 3);

            String shortStn = digits(9);
            String unreadableKey = digits(10);
            feeds.rawEnrollment(unreadableKey, RECORDED, "{not json".getBytes(StandardCharsets.UTF_8));
            Map<String, Object> bad = w.student(11).enrollment(UUID.randomUUID(), w.teacherA, "Alice Adams", "X", "added");
            @SuppressWarnings("unchecked")
            Map<String, Object> badStudent = (Map<String, Object>) bad.get("student");
            badStudent.put("stn", shortStn);
            badStudent.put("givenName", "Thaddeus");
            feeds.send(enrollmentsTopic, shortStn, RECORDED, UUID.randomUUID().toString(), Instant.now(),
                    json.writeValueAsBytes(bad));
            KafkaTopics.readUntil(brokers, "error." + enrollmentsTopic + ".followup",
                    r -> unreadableKey.equals(KafkaTopics.key(r)) || shortStn.equals(KafkaTopics.key(r)),
                    records -> records.size() >= 2);

            String logged = output.getAll();
            for (String personal : List.of(s.stn, shortStn, unreadableKey, "Ottoline", "Wexford", "Thaddeus", "2001-07-19",
                    "students.example.org", "mail.example.org")) {
                assertThat(logged).as("log output").doesNotContain(personal);
            }
        }
    }

    /** The authorization matrix's fixture: a school, its year and a fresh report of a grade-12 student of teacher A. */
    private AuthorizationMatrix.Fixture requests(World w, UUID report) {
        return new AuthorizationMatrix.Fixture(w.pid, w.teacherA, w.otherPid, w.teacherA,
                Map.of("school", w.pid, "year", w.year, "report", report.toString()),
                Map.of("stale-save", Body.json("{}", "If-Match", "\"99\""),
                        "not-a-workbook", Body.multipart("file", "answers.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8))),
                "select r.id, r.version, (select count(*) from report_history h where h.report_id = r.id) changes"
                        + " from report r where r.organization_pid in ('" + w.pid + "', '" + w.otherPid + "') order by r.id");
    }

    @Nested
    class EveryEndpointEveryCaller extends AuthorizationMatrix {

        @Override
        protected Fixture fixture() {
            World w = new World();
            return requests(w, w.student(12).enrolled());
        }
    }

    /**
     * docs/SECURITY.md "Hostile input". The save is sent a complete senior's answers with the
     * report's current version, so only the hostile part can be what refuses it. {@code q},
     * {@code teacher} (a staff id is the SIS's text) and the job title and duties are free text, and
     * so are the audit log's {@code org} and {@code user} filters (state staff may look for any).
     */
    @Nested
    class HostileInputToEveryEndpoint extends HostileInput {

        @Override
        protected Fixture fixture() {
            World w = new World();
            UUID report = w.student(12).enrolled();
            @SuppressWarnings("unchecked")
            Map<String, Object> answers = json.readValue(COMPLETE_SENIOR, Map.class);
            return new Fixture(requests(w, report), Map.of(w.pid, w.otherPid),
                    Map.of("PUT /api/followups/{id}", new JsonBody(answers, Map.of("If-Match", "\"0\""))),
                    Set.of("q", "teacher", "jobTitle", "jobDuties", "GET /api/followups/audit org", "GET /api/followups/audit user"), Map.of());
        }
    }
}
