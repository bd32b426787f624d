package org.ctims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.kafka.KafkaTopics;
import org.ctims.testing.service.ServiceStartupChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumers on the real database and broker, in the module's one Spring context (which also
 * runs the platform's startup checks). Each test uses its own STN and school, so tests never see
 * each other's rows; events of one test share a key (hence a partition, hence an order), and a
 * last "marker" event tells when everything before it has been consumed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ctims.report.enrollments-topic=roster.enrollments.v1${ctims.test.topic-suffix}",
        "ctims.report.reports-topic=followup.reports.v1${ctims.test.topic-suffix}",
        "ctims.report.catalog-topic=certification.catalog.v1${ctims.test.topic-suffix}",
        "logging.level.org.apache.kafka=warn",
        "logging.level.org.springframework.cloud.stream=warn"})
@RealInfrastructure
class ReportServiceIntegrationTests extends ServiceStartupChecks {

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(200));
    }

    static final JsonMapper json = JsonMapper.shared();
    static final String YEAR = "2018-2019";

    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.cloud.stream.kafka.binder.brokers}")
    String brokers;
    @Value("${ctims.report.enrollments-topic}")
    String enrollments;
    @Value("${ctims.report.reports-topic}")
    String reports;
    @Value("${ctims.report.catalog-topic}")
    String catalog;

    KafkaProducer<byte[], byte[]> producer;
    final String stn = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    final String pid = String.valueOf(ThreadLocalRandom.current().nextInt(20_000, 99_999_999));

    @Override
    protected String schema() {
        return "report";
    }

    @Override
    protected String apiPrefix() {
        return "/api/reports";
    }

    @BeforeEach
    void openProducer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    /** Sends one event as its producer would (CloudEvents binary mode), checked against the producer's schema. */
    void send(String topic, String key, String type, String eventId, Instant time, Map<String, Object> payload) {
        assertThat(ProducerSchemas.violations(type, json.valueToTree(payload))).as("sample of %s", type).isEmpty();
        sendRaw(topic, key, type, eventId, time, json.writeValueAsBytes(payload));
    }

    void sendRaw(String topic, String key, String type, String eventId, Instant time, byte[] payload) {
        var record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), payload);
        record.headers().add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_type", type.getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_source", "/ctims/test".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add("ce_time", time.toString().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    @Test
    void enrollmentsKeepTheNewestFactsPerEnrollment() {
        UUID first = UUID.randomUUID();
        UUID neverRecorded = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        Instant t0 = Instant.parse("2019-01-01T00:00:00Z");
        String recorded = "ctims.roster.enrollment-recorded.v1";
        String removed = "ctims.roster.enrollment-removed.v1";

        send(enrollments, stn, recorded, id(), t0, Samples.enrollment(first, YEAR, stn, 11, pid, "700001", "Business"));
        send(enrollments, stn, recorded, id(), t0.plusSeconds(60),
                Samples.enrollment(first, YEAR, stn, 12, pid, "700001", "Business and Marketing"));
        // a straggler older than what is stored changes nothing
        send(enrollments, stn, removed, id(), t0.plusSeconds(30), withChange(
                Samples.enrollment(first, YEAR, stn, 11, pid, "700001", "Business"), "removed"));
        // a removal of an enrollment never seen is kept as a tombstone
        send(enrollments, stn, removed, id(), t0, withChange(
                Samples.enrollment(neverRecorded, YEAR, stn, 12, pid, "700002", "Health"), "removed"));
        send(enrollments, stn, recorded, id(), t0, Samples.enrollment(marker, YEAR, stn, 12, pid, "700003", "Marker"));

        await().until(() -> count("select count(*) from enrollment where enrollment_id = ?", marker) == 1);
        Map<String, Object> row = jdbc.queryForMap(
                "select grade, division, removed, teacher_staff_id, organization_pid, school_year from enrollment where enrollment_id = ?", first);
        assertThat(row).containsEntry("grade", 12).containsEntry("division", "Business and Marketing")
                .containsEntry("removed", false).containsEntry("teacher_staff_id", "700001")
                .containsEntry("organization_pid", pid).containsEntry("school_year", YEAR);
        assertThat(jdbc.queryForObject("select removed from enrollment where enrollment_id = ?", Boolean.class, neverRecorded))
                .isTrue();
        assertThat(jdbc.queryForObject("select family_name from student where stn = ?", String.class, stn)).isEqualTo("Rivera");
    }

    @Test
    void aReportKeepsItsNewestVersionAndEachEventCountsOnce() {
        UUID report = UUID.randomUUID();
        UUID marker = UUID.randomUUID();
        String saved = "ctims.followup.report-saved.v1";
        Instant now = Instant.now();
        String v2Id = id();

        send(reports, stn, saved, v2Id, now, Samples.reportSaved(report, 2, stn, YEAR, pid, 12, false,
                "not-attending", "employed-full-time-civilian", true, new String[] {"7503", "ED", "passed"}));
        // an older version arriving late
        send(reports, stn, saved, id(), now, Samples.reportSaved(report, 1, stn, YEAR, pid, 12, false,
                "unknown", "unknown", false));
        // the v2 event delivered again, here with other content: the inbox skips it by its id
        send(reports, stn, saved, v2Id, now, Samples.reportSaved(report, 3, stn, YEAR, pid, 12, true,
                null, null, false));
        send(reports, stn, "ctims.followup.follow-up-completed.v1", id(), now, Map.of(
                "reportId", report.toString(), "stn", stn, "schoolYear", YEAR, "organizationPid", pid, "version", 2,
                "followUpComplete", true, "certificateComplete", true,
                "savedBy", Map.of("username", "teacher-a", "name", "Alice Adams"), "savedAt", now.toString()));
        send(reports, stn, saved, id(), now, Samples.reportSaved(marker, 1, stn, YEAR, "10001", 12, false,
                null, null, false));

        await().until(() -> count("select count(*) from report_state where report_id = ?", marker) == 1);
        Map<String, Object> row = jdbc.queryForMap("""
                select version, deceased, education_status, employment_status, follow_up_complete, grade, organization_pid
                from report_state where report_id = ?""", report);
        assertThat(row).containsEntry("version", 2).containsEntry("deceased", false)
                .containsEntry("education_status", "not-attending")
                .containsEntry("employment_status", "employed-full-time-civilian")
                .containsEntry("follow_up_complete", true).containsEntry("grade", 12).containsEntry("organization_pid", pid);
        assertThat(jdbc.queryForList("select assessment_number, cluster_code, result from report_certification where report_id = ?",
                report)).containsExactly(Map.of("assessment_number", "7503", "cluster_code", "ED", "result", "passed"));
    }

    @Test
    void theCatalogIsKeptPerYearWithRetiredEntries() {
        String number = "T" + ThreadLocalRandom.current().nextInt(1_000_000);
        String key = YEAR + ":" + number;
        Instant t0 = Instant.now();
        send(catalog, key, "ctims.certification.assessment-published.v1", id(), t0,
                Samples.assessment(YEAR, number, "Early Childhood Education (Pre-Pac)", List.of("ED", "HU")));
        Map<String, Object> retired = new java.util.HashMap<>(
                Samples.assessment(YEAR, number, "Early Childhood Education (Pre-Pac)", List.of("ED")));
        retired.put("retiredAt", t0.plusSeconds(1).toString());
        send(catalog, key, "ctims.certification.assessment-retired.v1", id(), t0.plusSeconds(1), retired);
        send(catalog, YEAR + ":cluster:" + number, "ctims.certification.cluster-published.v1", id(), t0,
                Samples.cluster(YEAR, number, "A cluster named like the test"));

        await().until(() -> count("select count(*) from catalog_cluster where school_year = ? and code = ?", YEAR, number) == 1
                && count("select count(*) from catalog_assessment where school_year = ? and number = ? and retired", YEAR, number) == 1);
        assertThat(jdbc.queryForObject("select array_to_string(clusters, ',') from catalog_assessment where number = ?",
                String.class, number)).isEqualTo("ED");
    }

    @Test
    void anInvalidEventGoesToTheDeadLetterTopicAndLaterEventsFlow() {
        UUID after = UUID.randomUUID();
        String badId = id();
        Map<String, Object> bad = Samples.reportSaved(UUID.randomUUID(), 1, stn, YEAR, pid, 12, false, null, null, false);
        bad.put("stn", "12345");
        sendRaw(reports, stn, "ctims.followup.report-saved.v1", badId, Instant.now(), json.writeValueAsBytes(bad));
        send(reports, stn, "ctims.followup.report-saved.v1", id(), Instant.now(),
                Samples.reportSaved(after, 1, stn, YEAR, pid, 12, false, null, null, false));

        var dead = KafkaTopics.readUntil(brokers, "error." + reports + ".report",
                r -> badId.equals(KafkaTopics.header(r, "ce_id")), found -> !found.isEmpty());
        assertThat(KafkaTopics.header(dead.get(0), "x-exception-message")).contains("stn");
        await().until(() -> count("select count(*) from report_state where report_id = ?", after) == 1);
        assertThat(count("select count(*) from inbox where event_id = ?", badId)).isZero();
    }

    /** Sends a roster enrollment and, when {@code answers} is given, a saved report for one student of the school. */
    private void student(String year, Integer grade, boolean removed, String staffId, String division, Object[] answers,
                         String[]... certifications) {
        String student = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        Map<String, Object> enrollment = Samples.enrollment(UUID.randomUUID(), year, student, grade, pid, staffId, division);
        if (removed) {
            enrollment.put("change", "removed");
        }
        send(enrollments, student, removed ? "ctims.roster.enrollment-removed.v1" : "ctims.roster.enrollment-recorded.v1",
                id(), Instant.now(), enrollment);
        if (answers != null) {
            send(reports, student, "ctims.followup.report-saved.v1", id(), Instant.now(), Samples.reportSaved(
                    UUID.randomUUID(), 1, student, year, pid, grade, (Boolean) answers[0], (String) answers[1],
                    (String) answers[2], (Boolean) answers[3], certifications));
        }
    }

    @Test
    void accountabilityOfASchoolIsComputedFromTheEvents() throws Exception {
        String year = "2020-2021";
        send(catalog, year + ":7503", "ctims.certification.assessment-published.v1", id(), Instant.now(),
                Samples.assessment(year, "7503", "Early Childhood Education (Pre-Pac)", List.of("ED")));
        String[] passed7503 = {"7503", "ED", "passed"};
        // in the cohort: placed (pass counts), placed (pass off the list), not placed, never saved,
        // deceased (pass does not count), still secondary (pass counts)
        // (teacher 700001 teaches Business, 700002 Health)
        student(year, 12, false, "700001", "Business", new Object[] {false, "not-attending", "employed-full-time-civilian", true}, passed7503);
        student(year, 12, false, "700001", "Business", new Object[] {false, "private-school-adult", "unknown", false},
                new String[] {"9999", "ED", "passed"});
        student(year, 12, false, "700001", "Business", new Object[] {false, "not-attending", "unemployed-seeking", true},
                new String[] {"7503", "ED", "not-passed"});
        student(year, 12, false, "700002", "Health", null);
        student(year, 12, false, "700002", "Health", new Object[] {true, null, null, false}, passed7503);
        student(year, 12, false, "700002", "Health", new Object[] {false, "secondary", "employed-part-time-civilian", false}, passed7503);
        // not in the cohort: grade 11, removed from the roster
        student(year, 11, false, "700001", "Business", new Object[] {false, "not-attending", "employed-full-time-civilian", true}, passed7503);
        student(year, 12, true, "700002", "Health", new Object[] {false, "not-attending", "employed-full-time-civilian", true}, passed7503);

        String path = "/api/reports/accountability?org=" + pid + "&year=" + year;
        await().untilAsserted(() -> {
            var response = get(path, tokens.stateAdmin());
            assertThat(response.statusCode()).isEqualTo(200);
            var body = json.readTree(response.body());
            assertThat(body.get("cohortSize").asInt()).isEqualTo(6);
            var p = body.get("placement");
            assertThat(p.get("placed").asInt()).isEqualTo(2);
            assertThat(p.get("notPlaced").asInt()).isEqualTo(1);
            assertThat(p.get("nonRespondents").asInt()).isEqualTo(1);
            assertThat(p.get("excludedDeceased").asInt()).isEqualTo(1);
            assertThat(p.get("excludedStillSecondary").asInt()).isEqualTo(1);
            assertThat(p.get("stillSecondaryForReview").size()).isEqualTo(1);
            assertThat(p.get("withNonRespondents").toString()).isEqualTo("{\"numerator\":2,\"denominator\":4,\"percent\":50.0}");
            assertThat(p.get("withoutNonRespondents").toString()).isEqualTo("{\"numerator\":2,\"denominator\":3,\"percent\":66.7}");
            var c = body.get("credentialAttainment");
            assertThat(c.toString()).isEqualTo(
                    "{\"attained\":2,\"eligible\":5,\"excludedDeceased\":1,\"rate\":{\"numerator\":2,\"denominator\":5,\"percent\":40.0},"
                    + "\"byCluster\":[{\"cluster\":\"ED\",\"rate\":{\"numerator\":2,\"denominator\":5,\"percent\":40.0}}]}");
        });

        var school = json.readTree(get(path, tokens.stateAdmin()).body());
        for (String by : List.of("byTeacher", "byDivision")) {
            var rows = school.get(by);
            assertThat(rows.size()).as(by).isEqualTo(2);
            // 700001 / Business: placed 2, not placed 1; one pass on the list
            assertThat(rows.get(0).get("key").asString()).isIn("700001", "Business");
            assertThat(rows.get(0).get("cohortSize").asInt()).isEqualTo(3);
            assertThat(rows.get(0).at("/placement/withNonRespondents").toString())
                    .isEqualTo("{\"numerator\":2,\"denominator\":3,\"percent\":66.7}");
            assertThat(rows.get(0).at("/credentialAttainment/rate").toString())
                    .isEqualTo("{\"numerator\":1,\"denominator\":3,\"percent\":33.3}");
            // 700002 / Health: never saved, deceased, still secondary
            assertThat(rows.get(1).get("key").asString()).isIn("700002", "Health");
            assertThat(rows.get(1).at("/placement/withNonRespondents").toString())
                    .isEqualTo("{\"numerator\":0,\"denominator\":1,\"percent\":0.0}");
            assertThat(rows.get(1).at("/placement/withoutNonRespondents").toString())
                    .isEqualTo("{\"numerator\":0,\"denominator\":0,\"percent\":null}");
            assertThat(rows.get(1).at("/credentialAttainment/rate").toString())
                    .isEqualTo("{\"numerator\":1,\"denominator\":2,\"percent\":50.0}");
        }
        assertThat(school.at("/byTeacher/0/name").asString()).isEqualTo("Alice Adams");

        // no other test uses this year: the state is this one school
        var state = get("/api/reports/accountability/state?year=" + year, tokens.client("report-reader", "report-consumer"));
        assertThat(state.statusCode()).isEqualTo(200);
        var stateBody = json.readTree(state.body());
        assertThat(stateBody.get("placement")).isEqualTo(school.get("placement"));
        assertThat(stateBody.get("credentialAttainment")).isEqualTo(school.get("credentialAttainment"));
        assertThat(stateBody.get("bySchool").size()).isEqualTo(1);
        assertThat(stateBody.at("/bySchool/0/key").asString()).isEqualTo(pid);
        assertThat(stateBody.at("/bySchool/0/name").asString()).isEqualTo("Sample High School");
    }

    @Test
    void accountabilityIsScopedToTheCallersOrganizations() throws Exception {
        String path = "/api/reports/accountability?org=" + pid + "&year=2020-2021";
        assertThat(get(path, tokens.teacher("700001", pid)).statusCode()).isEqualTo(200);
        assertThat(get(path, tokens.schoolAdmin(pid)).statusCode()).isEqualTo(200);
        assertThat(get(path, tokens.client("report-reader", "report-consumer")).statusCode()).isEqualTo(200);
        var otherSchool = get(path, tokens.teacher("700002", "10002"));
        assertThat(otherSchool.statusCode()).isEqualTo(403);
        assertThat(otherSchool.body()).contains("organization-not-in-scope").doesNotContain("cohortSize");
        assertThat(get(path, tokens.client("sis-connector", "sis-integration")).statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/accountability/state?year=2020-2021", tokens.schoolAdmin(pid)).statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/accountability/state?year=2020-21", tokens.stateAdmin()).statusCode()).isEqualTo(422);
        var bad = get("/api/reports/accountability?org=x&year=2020-2022", tokens.stateAdmin());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"org\"").contains("\"year\"");
    }

    @Test
    void rebuildingDropsTheReadModelsAndReplaysTheTopics() throws Exception {
        UUID report = UUID.randomUUID();
        send(enrollments, stn, "ctims.roster.enrollment-recorded.v1", id(), Instant.now(),
                Samples.enrollment(UUID.randomUUID(), YEAR, stn, 12, pid, "700001", "Business"));
        send(reports, stn, "ctims.followup.report-saved.v1", id(), Instant.now(), Samples.reportSaved(report, 1, stn,
                YEAR, pid, 12, false, "not-attending", "employed-full-time-civilian", true, new String[] {"7503", "ED", "passed"}));
        String state = "select version, deceased, education_status, follow_up_complete from report_state where report_id = ?";
        await().until(() -> count("select count(*) from report_state where report_id = ?", report) == 1);
        Map<String, Object> consumed = jdbc.queryForMap(state, report);
        // damage that only a replay from the beginning repairs: the stored version is "newer"
        // than every event, and a row no event ever made
        jdbc.update("update report_state set deceased = true, version = 99 where report_id = ?", report);
        jdbc.update("insert into student (stn, event_time) values ('0000000000', now())");

        assertThat(post("/api/reports/read-models/rebuild", tokens.schoolAdmin(pid)).statusCode()).isEqualTo(403);
        var rebuilt = post("/api/reports/read-models/rebuild", tokens.stateAdmin());
        assertThat(rebuilt.statusCode()).isEqualTo(200);
        assertThat(rebuilt.body()).contains("replayStartedAt");

        // the topics replay independently: wait for both of this test's events
        await().until(() -> count("select count(*) from report_state where report_id = ?", report) == 1
                && jdbc.queryForMap(state, report).equals(consumed)
                && count("select count(*) from enrollment where stn = ? and organization_pid = ?", stn, pid) == 1);
        assertThat(count("select count(*) from student where stn = '0000000000'")).isZero();
        assertThat(count("select count(*) from report_certification where report_id = ? and result = 'passed'", report)).isOne();
    }

    @Test
    void aTeacherSummaryCountsTheTeachersStudents() throws Exception {
        String year = "2019-2020";
        String complete = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String neverSaved = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String otherTeachers = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        for (String[] s : new String[][] {{complete, "700001"}, {neverSaved, "700001"}, {otherTeachers, "700002"}}) {
            send(enrollments, s[0], "ctims.roster.enrollment-recorded.v1", id(), Instant.now(),
                    Samples.enrollment(UUID.randomUUID(), year, s[0], 12, pid, s[1], "Business"));
        }
        send(reports, complete, "ctims.followup.report-saved.v1", id(), Instant.now(), Samples.reportSaved(UUID.randomUUID(),
                1, complete, year, pid, 12, false, "not-attending", "employed-full-time-civilian", true,
                new String[] {"7503", "ED", "passed"}));

        String path = "/api/reports/teacher-summary?org=" + pid + "&year=" + year;
        await().untilAsserted(() -> {
            var response = get(path, tokens.teacher("700001", pid));
            assertThat(response.statusCode()).isEqualTo(200);
            var summary = json.readTree(response.body()).get("summary");
            assertThat(summary.get("students").asInt()).isEqualTo(2);
            assertThat(summary.get("followUpComplete").asInt()).isEqualTo(1);
            assertThat(summary.get("followUpIncomplete").asInt()).isEqualTo(1);
            assertThat(summary.get("certificateComplete").asInt()).isEqualTo(1);
            assertThat(summary.get("educationStatus").toString()).isEqualTo("{\"not-attending\":1,\"unanswered\":1}");
            assertThat(summary.at("/byAssessment/7503").toString()).isEqualTo("{\"taken\":1,\"passed\":1,\"notPassed\":0}");
            assertThat(summary.at("/byCluster/ED/passed").asInt()).isEqualTo(1);
            assertThat(summary.at("/incomplete/0/stn").asString()).isEqualTo(neverSaved);
            assertThat(summary.at("/incomplete/0/name").asString()).isEqualTo("Rivera, Jamie");
        });
        assertThat(get(path + "&teacher=700001", tokens.schoolAdmin(pid)).statusCode()).isEqualTo(200);
        assertThat(get(path + "&teacher=700001", tokens.teacher("700002", pid)).statusCode()).isEqualTo(403);
        assertThat(get(path, tokens.teacher("700001", "10002")).statusCode()).isEqualTo(403);
        assertThat(get(path, tokens.stateAdmin()).statusCode()).isEqualTo(422);
        assertThat(json.readTree(get(path + "&teacher=700002", tokens.stateAdmin()).body()).at("/summary/students").asInt())
                .isEqualTo(1);
    }

    private java.net.http.HttpResponse<String> post(String path, String token) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> withChange(Map<String, Object> payload, String change) {
        payload.put("change", change);
        return payload;
    }

    private long count(String sql, Object... args) {
        Long n = jdbc.queryForObject(sql, Long.class, args);
        return n == null ? 0 : n;
    }
}
