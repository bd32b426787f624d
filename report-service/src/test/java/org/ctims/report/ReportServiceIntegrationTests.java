package org.ctims.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.ctims.report.export.Downloaded;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.kafka.KafkaTopics;
import org.ctims.testing.service.AuthorizationMatrix;
import org.ctims.testing.service.HostileInput;
import org.ctims.testing.service.ServiceStartupChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
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
        "ctims.report.progress-topic=report.progress.v1${ctims.test.topic-suffix}",
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
    @Value("${ctims.report.progress-topic}")
    String progress;

    KafkaProducer<byte[], byte[]> producer;
    final String stn = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    String pid = String.valueOf(ThreadLocalRandom.current().nextInt(20_000, 99_999_999));
    /** While set, {@link #send} collects the events here instead of sending them. */
    List<Sent> capturing;

    record Sent(String topic, String key, String type, String eventId, Instant time, Map<String, Object> payload) {
    }

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
        if (capturing != null) {
            capturing.add(new Sent(topic, key, type, eventId, time, payload));
            return;
        }
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
        send(catalog, year + ":cluster:ED", "ctims.certification.cluster-published.v1", id(), Instant.now(),
                Samples.cluster(year, "ED", "Education & Training"));
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
                    + "\"byCluster\":[{\"cluster\":\"ED\",\"name\":\"Education & Training\","
                    + "\"rate\":{\"numerator\":2,\"denominator\":5,\"percent\":40.0}}]}");
            assertThat(body.get("organizationName").asString()).isEqualTo("Sample High School");
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
        awaitNoRebuildRunning();
        var rebuilt = post("/api/reports/read-models/rebuild", tokens.stateAdmin());
        assertThat(rebuilt.statusCode()).isEqualTo(200);
        assertThat(rebuilt.body()).containsPattern("\"state\":\"(replaying|done)\"");

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
        send(catalog, year + ":7503", "ctims.certification.assessment-published.v1", id(), Instant.now(),
                Samples.assessment(year, "7503", "Early Childhood Education (Pre-Pac)", List.of("ED")));
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
            assertThat(summary.at("/byAssessment/7503").toString())
                    .isEqualTo("{\"taken\":1,\"passed\":1,\"notPassed\":0,\"name\":\"Early Childhood Education (Pre-Pac)\"}");
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

    /** The students of {@link #schoolDataSet}, by letter; the figures of each are worked out by hand in the tests. */
    record DataSet(String year, Map<String, String> stns) {
        String stn(String letter) {
            return stns.get(letter);
        }
    }

    /**
     * One school (this test's PID) in {@code year}, teachers 700001 Adams and 700002 Baker:
     * A (Avila, 700001) placed, complete, 7503 passed; B (Brown, 700001) deceased, complete;
     * C (Cruz, 700001 and 700002) unknown/unknown, complete, 7503 not passed; D (Diaz, 700002)
     * still secondary, complete; E (Evans, 700002) reopened: version 1 complete, version 2 not;
     * F (Ford, 700002) never saved; G (Green, 700001) grade 11, 1234 passed, 7503 not taken;
     * H (Hill, 700001) removed from the roster.
     */
    DataSet schoolDataSet(String year) {
        return schoolDataSet(year, null);
    }

    /** The same with the given students' STNs (by letter), e.g. to build a second school of the same students. */
    DataSet schoolDataSet(String year, Map<String, String> given) {
        send(catalog, year + ":7503", "ctims.certification.assessment-published.v1", id(), Instant.now(),
                Samples.assessment(year, "7503", "Early Childhood Education (Pre-Pac)", List.of("ED")));
        send(catalog, year + ":1234", "ctims.certification.assessment-published.v1", id(), Instant.now(),
                Samples.assessment(year, "1234", "Business Essentials", List.of("BA")));
        send(catalog, year + ":cluster:ED", "ctims.certification.cluster-published.v1", id(), Instant.now(),
                Samples.cluster(year, "ED", "Education & Training"));
        send(catalog, year + ":cluster:BA", "ctims.certification.cluster-published.v1", id(), Instant.now(),
                Samples.cluster(year, "BA", "Business Management & Administration"));
        Map<String, String> stns = new java.util.LinkedHashMap<>();
        for (String letter : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
            stns.put(letter, given != null ? given.get(letter) : String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L)));
        }
        Map<String, String> families = Map.of("A", "Avila", "B", "Brown", "C", "Cruz", "D", "Diaz", "E", "Evans",
                "F", "Ford", "G", "Green", "H", "Hill");
        Object[][] roster = {{"A", 12, "700001"}, {"B", 12, "700001"}, {"C", 12, "700001"}, {"C", 12, "700002"},
                {"D", 12, "700002"}, {"E", 12, "700002"}, {"F", 12, "700002"}, {"G", 11, "700001"}, {"H", 12, "700001"}};
        for (Object[] r : roster) {
            String letter = (String) r[0];
            Map<String, Object> e = Samples.enrollment(UUID.randomUUID(), year, stns.get(letter), (Integer) r[1], pid,
                    (String) r[2], "Business");
            @SuppressWarnings("unchecked")
            Map<String, Object> student = (Map<String, Object>) e.get("student");
            student.put("familyName", families.get(letter));
            student.put("givenName", "Pat");
            e.put("teacher", Map.of("staffId", r[2], "name", r[2].equals("700001") ? "Alice Adams" : "Bob Baker"));
            boolean removed = letter.equals("H");
            if (removed) {
                e.put("change", "removed");
            }
            send(enrollments, stns.get(letter), removed ? "ctims.roster.enrollment-removed.v1" : "ctims.roster.enrollment-recorded.v1",
                    id(), Instant.now(), e);
        }
        saved(year, stns.get("A"), 12, 1, false, "not-attending", "employed-full-time-civilian", true, true,
                new String[] {"7503", "ED", "passed"});
        saved(year, stns.get("B"), 12, 1, true, null, null, true, true);
        saved(year, stns.get("C"), 12, 1, false, "unknown", "unknown", true, true, new String[] {"7503", "ED", "not-passed"});
        saved(year, stns.get("D"), 12, 1, false, "secondary", "not-in-labor-force", true, true);
        UUID reopened = saved(year, stns.get("E"), 12, 1, false, "technology-center-adult", "unemployed-seeking", true, true);
        saved(reopened, year, stns.get("E"), 12, 2, false, "technology-center-adult", null, false, false);
        send(reports, stns.get("E"), "ctims.followup.follow-up-reopened.v1", id(), Instant.parse("2019-10-02T12:00:00Z"), Map.of(
                "reportId", reopened.toString(), "stn", stns.get("E"), "schoolYear", year, "organizationPid", pid, "version", 2,
                "followUpComplete", false, "certificateComplete", false,
                "savedBy", Map.of("username", "teacher-b", "name", "Bob Baker"), "savedAt", "2019-10-02T12:00:00Z"));
        saved(year, stns.get("G"), 11, 1, false, null, null, false, true,
                new String[] {"1234", "BA", "passed"}, new String[] {"7503", "ED", "not-taken"});
        saved(year, stns.get("H"), 12, 1, false, "not-attending", "employed-full-time-civilian", true, true,
                new String[] {"7503", "ED", "passed"});
        return new DataSet(year, stns);
    }

    private UUID saved(String year, String student, int grade, int version, boolean deceased, String education, String employment,
                       boolean followUpComplete, boolean certificateComplete, String[]... certifications) {
        return saved(UUID.randomUUID(), year, student, grade, version, deceased, education, employment, followUpComplete,
                certificateComplete, certifications);
    }

    /**
     * A report-saved of this test's school, grade 12 or (without follow-up answers) grade 11;
     * version n is saved on October n, 2019 at noon.
     */
    private UUID saved(UUID report, String year, String student, int grade, int version, boolean deceased, String education,
                       String employment, boolean followUpComplete, boolean certificateComplete, String[]... certifications) {
        return savedAt("2019-10-0" + version + "T12:00:00Z", id(), report, year, student, grade, version, deceased, education,
                employment, followUpComplete, certificateComplete, certifications);
    }

    private UUID savedAt(String savedAt, String eventId, UUID report, String year, String student, int grade, int version,
                         boolean deceased, String education, String employment, boolean followUpComplete,
                         boolean certificateComplete, String[]... certifications) {
        Map<String, Object> payload = Samples.reportSaved(report, version, student, year, pid, grade,
                deceased, education, employment, followUpComplete, certifications);
        payload.put("certificateComplete", certificateComplete);
        payload.put("lastSavedAt", savedAt);
        send(reports, student, "ctims.followup.report-saved.v1", eventId, Instant.parse(savedAt), payload);
        return report;
    }

    @Test
    void aSchoolSummaryCountsEveryStudentOnceWithARowPerTeacher() throws Exception {
        DataSet d = schoolDataSet("2021-2022");
        String teacher1 = """
                {"students":4,"followUpApplicable":3,"followUpComplete":3,"followUpIncomplete":0,"certificateComplete":4,
                 "deceased":1,"educationStatus":{"deceased":1,"not-attending":1,"unknown":1},
                 "employmentStatus":{"deceased":1,"employed-full-time-civilian":1,"unknown":1},
                 "byAssessment":{"1234":{"taken":1,"passed":1,"notPassed":0,"name":"Business Essentials"},
                   "7503":{"taken":2,"passed":1,"notPassed":1,"name":"Early Childhood Education (Pre-Pac)"}},
                 "byCluster":{"BA":{"taken":1,"passed":1,"notPassed":0,"name":"Business Management & Administration"},
                   "ED":{"taken":2,"passed":1,"notPassed":1,"name":"Education & Training"}},
                 "incomplete":[]}""";
        String teacher2 = """
                {"students":4,"followUpApplicable":4,"followUpComplete":2,"followUpIncomplete":2,"certificateComplete":2,
                 "deceased":0,"educationStatus":{"secondary":1,"technology-center-adult":1,"unanswered":1,"unknown":1},
                 "employmentStatus":{"not-in-labor-force":1,"unanswered":2,"unknown":1},
                 "byAssessment":{"7503":{"taken":1,"passed":0,"notPassed":1,"name":"Early Childhood Education (Pre-Pac)"}},
                 "byCluster":{"ED":{"taken":1,"passed":0,"notPassed":1,"name":"Education & Training"}},
                 "incomplete":[{"stn":"%s","name":"Evans, Pat"},{"stn":"%s","name":"Ford, Pat"}]}"""
                .formatted(d.stn("E"), d.stn("F"));
        String school = """
                {"students":7,"followUpApplicable":6,"followUpComplete":4,"followUpIncomplete":2,"certificateComplete":5,
                 "deceased":1,"educationStatus":{"deceased":1,"not-attending":1,"secondary":1,"technology-center-adult":1,
                   "unanswered":1,"unknown":1},
                 "employmentStatus":{"deceased":1,"employed-full-time-civilian":1,"not-in-labor-force":1,"unanswered":2,"unknown":1},
                 "byAssessment":{"1234":{"taken":1,"passed":1,"notPassed":0,"name":"Business Essentials"},
                   "7503":{"taken":2,"passed":1,"notPassed":1,"name":"Early Childhood Education (Pre-Pac)"}},
                 "byCluster":{"BA":{"taken":1,"passed":1,"notPassed":0,"name":"Business Management & Administration"},
                   "ED":{"taken":2,"passed":1,"notPassed":1,"name":"Education & Training"}},
                 "incomplete":[{"stn":"%s","name":"Evans, Pat"},{"stn":"%s","name":"Ford, Pat"}]}"""
                .formatted(d.stn("E"), d.stn("F"));
        String path = "/api/reports/school-summary?org=" + pid + "&year=" + d.year();
        await().untilAsserted(() -> {
            var response = get(path, tokens.schoolAdmin(pid));
            assertThat(response.statusCode()).isEqualTo(200);
            var body = json.readTree(response.body());
            assertThat(body.get("summary")).isEqualTo(json.readTree(school));
            assertThat(body.at("/byTeacher/0/summary")).isEqualTo(json.readTree(teacher1));
            assertThat(body.at("/byTeacher/1/summary")).isEqualTo(json.readTree(teacher2));
        });
        var body = json.readTree(get(path, tokens.client("report-reader", "report-consumer")).body());
        assertThat(body.get("organizationPid").asString()).isEqualTo(pid);
        assertThat(body.get("organizationName").asString()).isEqualTo("Sample High School");
        assertThat(body.get("schoolYear").asString()).isEqualTo(d.year());
        assertThat(body.get("byTeacher").size()).isEqualTo(2);
        assertThat(body.at("/byTeacher/0/teacherStaffId").asString()).isEqualTo("700001");
        assertThat(body.at("/byTeacher/0/teacherName").asString()).isEqualTo("Alice Adams");
        assertThat(body.at("/byTeacher/1/teacherName").asString()).isEqualTo("Bob Baker");

        // a teacher sees their own students only, as the school summary and as their teacher summary
        var own = json.readTree(get(path, tokens.teacher("700002", pid)).body());
        assertThat(own.get("summary")).isEqualTo(json.readTree(teacher2));
        assertThat(own.get("byTeacher").size()).isEqualTo(1);
        assertThat(own.at("/byTeacher/0/summary")).isEqualTo(json.readTree(teacher2));
        var teacherSummary = json.readTree(get("/api/reports/teacher-summary?org=" + pid + "&year=" + d.year(),
                tokens.teacher("700001", pid)).body());
        assertThat(teacherSummary.get("summary")).isEqualTo(json.readTree(teacher1));
        assertThat(teacherSummary.get("teacherName").asString()).isEqualTo("Alice Adams");

        var otherSchool = get(path, tokens.teacher("700001", "10002"));
        assertThat(otherSchool.statusCode()).isEqualTo(403);
        assertThat(otherSchool.body()).doesNotContain("students");
        assertThat(get(path, tokens.schoolAdmin("10002")).statusCode()).isEqualTo(403);
        assertThat(get(path, tokens.client("sis-connector", "sis-integration")).statusCode()).isEqualTo(403);
        assertThat(get(path, null).statusCode()).isEqualTo(401);
        var bad = get("/api/reports/school-summary?org=1x&year=2021-2023", tokens.stateAdmin());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"org\"").contains("\"year\"");
    }

    @Test
    void downloadsHoldTheSameFiguresAsTheJson() throws Exception {
        DataSet d = schoolDataSet("2021-2022");
        String query = "?org=" + pid + "&year=" + d.year();
        String admin = tokens.schoolAdmin(pid);
        // cohort A-F; by hand: placed A and E (an adult-student status places before completeness),
        // non-respondents C (unknown) and F (never saved), excluded B (deceased) and D (still
        // secondary); 5S1: A's pass of 7503 over the five not deceased
        await().untilAsserted(() -> {
            var a = json.readTree(get("/api/reports/accountability" + query, admin).body());
            assertThat(a.at("/placement/withNonRespondents").toString()).isEqualTo("{\"numerator\":2,\"denominator\":4,\"percent\":50.0}");
            assertThat(a.at("/placement/withoutNonRespondents").toString()).isEqualTo("{\"numerator\":2,\"denominator\":2,\"percent\":100.0}");
            assertThat(a.at("/credentialAttainment/rate").toString()).isEqualTo("{\"numerator\":1,\"denominator\":5,\"percent\":20.0}");
            assertThat(a.at("/placement/stillSecondaryForReview/0").asString()).isEqualTo(d.stn("D"));
            var s = json.readTree(get("/api/reports/school-summary" + query, admin).body());
            assertThat(s.at("/summary/students").asInt()).isEqualTo(7);
            assertThat(s.at("/summary/followUpComplete").asInt()).isEqualTo(4);
            assertThat(s.at("/summary/certificateComplete").asInt()).isEqualTo(5);
        });

        var school = json.readTree(get("/api/reports/school-summary" + query, admin).body());
        byte[] xlsx = download("/api/reports/school-summary.xlsx" + query, admin, "school-summary-" + pid + "-2021-2022.xlsx");
        List<String> pdf = Downloaded.pdfLines(download("/api/reports/school-summary.pdf" + query, admin,
                "school-summary-" + pid + "-2021-2022.pdf"));
        List<List<String>> byTeacher = Downloaded.sheet(xlsx, "By teacher");
        assertThat(byTeacher.get(1)).isEqualTo(concat(List.of("", "School (each student once)"), counts(school.get("summary"))));
        assertThat(pdf).contains(String.join(" ", concat(List.of("School (each student once)"), counts(school.get("summary")))));
        for (int t = 0; t < 2; t++) {
            var row = school.get("byTeacher").get(t);
            List<String> expected = concat(List.of(row.get("teacherStaffId").asString(), row.get("teacherName").asString()),
                    counts(row.get("summary")));
            assertThat(byTeacher.get(t + 2)).isEqualTo(expected);
            assertThat(pdf).contains(String.join(" ", expected));
        }
        assertThat(byTeacher).hasSize(4);
        checkDetails(school.get("summary"), xlsx, pdf);

        String teacherQuery = query + "&teacher=700002";
        var teacher = json.readTree(get("/api/reports/teacher-summary" + teacherQuery, admin).body());
        byte[] teacherXlsx = download("/api/reports/teacher-summary.xlsx" + teacherQuery, admin,
                "teacher-summary-" + pid + "-2021-2022-700002.xlsx");
        List<String> teacherPdf = Downloaded.pdfLines(download("/api/reports/teacher-summary.pdf" + teacherQuery, admin,
                "teacher-summary-" + pid + "-2021-2022-700002.pdf"));
        List<String> figures = counts(teacher.get("summary"));
        List<List<String>> completion = Downloaded.sheet(teacherXlsx, "Completion");
        List<String> labels = List.of("Students", "Follow-up applies (grade 12)", "Follow-up complete", "Follow-up incomplete",
                "Certificate complete", "Deceased");
        for (int i = 0; i < labels.size(); i++) {
            assertThat(completion.get(i + 1)).containsExactly(labels.get(i), figures.get(i));
            assertThat(teacherPdf).contains(labels.get(i) + " " + figures.get(i));
        }
        assertThat(teacherPdf).contains("Teacher: 700002 Bob Baker");
        checkDetails(teacher.get("summary"), teacherXlsx, teacherPdf);

        var accountability = json.readTree(get("/api/reports/accountability" + query, admin).body());
        byte[] accountabilityXlsx = download("/api/reports/accountability.xlsx" + query, admin,
                "accountability-" + pid + "-2021-2022.xlsx");
        List<String> accountabilityPdf = Downloaded.pdfLines(download("/api/reports/accountability.pdf" + query, admin,
                "accountability-" + pid + "-2021-2022.pdf"));
        assertThat(accountability.get("organizationName").asString()).isEqualTo("Sample High School");
        checkAccountability("School", pid, "Sample High School", accountability, accountabilityXlsx, accountabilityPdf, 1);
        assertThat(accountabilityPdf).contains("School: Sample High School (" + pid + ")");
        for (int t = 0; t < accountability.get("byTeacher").size(); t++) {
            var row = accountability.get("byTeacher").get(t);
            checkAccountability("Teacher", row.get("key").asString(), row.get("name").asString(), row, accountabilityXlsx,
                    accountabilityPdf, 2 + t);
        }
        assertThat(Downloaded.sheet(accountabilityXlsx, "Still secondary (review)")).containsExactly(List.of("STN"),
                List.of(d.stn("D")));
        assertThat(accountability.at("/credentialAttainment/byCluster/0/name").asString()).isEqualTo("Education & Training");
        assertThat(Downloaded.sheet(accountabilityXlsx, "5S1 by cluster").get(1)).containsExactly("ED", "Education & Training",
                accountability.at("/credentialAttainment/byCluster/0/rate/numerator").asString(),
                accountability.at("/credentialAttainment/byCluster/0/rate/denominator").asString(),
                accountability.at("/credentialAttainment/byCluster/0/rate/percent").asString());

        String stateQuery = "?year=" + d.year();
        String consumer = tokens.client("report-reader", "report-consumer");
        var state = json.readTree(get("/api/reports/accountability/state" + stateQuery, consumer).body());
        byte[] stateXlsx = download("/api/reports/accountability/state.xlsx" + stateQuery, consumer,
                "accountability-state-2021-2022.xlsx");
        List<String> statePdf = Downloaded.pdfLines(download("/api/reports/accountability/state.pdf" + stateQuery, consumer,
                "accountability-state-2021-2022.pdf"));
        checkAccountability("State", "", "", state, stateXlsx, statePdf, 1);
        for (int i = 0; i < state.get("bySchool").size(); i++) {
            var row = state.get("bySchool").get(i);
            checkAccountability("School", row.get("key").asString(), row.get("name").asString(), row, stateXlsx, statePdf, 2 + i);
        }

        // the same scoping and errors as the JSON, as problem details
        var otherSchool = get("/api/reports/school-summary.xlsx" + query, tokens.teacher("700001", "10002"));
        assertThat(otherSchool.statusCode()).isEqualTo(403);
        assertThat(otherSchool.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/reports/accountability/state.pdf" + stateQuery, admin).statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/teacher-summary.pdf" + query + "&teacher=700001", tokens.teacher("700002", pid))
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/school-summary.csv" + query, admin).statusCode()).isEqualTo(404);
        var bad = get("/api/reports/accountability.pdf?org=x&year=2021", admin);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"org\"").contains("\"year\"");
    }

    @Test
    void theStudentExportListsEveryStudentOfTheYearWithTheirReportWithinTheCallersScope() throws Exception {
        DataSet d = schoolDataSet("2021-2022");
        String query = "?org=" + pid + "&year=" + d.year();
        await().untilAsserted(() -> assertThat(json.readTree(get("/api/reports/school-summary" + query, tokens.stateAdmin()).body())
                .at("/summary/followUpComplete").asInt()).isEqualTo(4));

        byte[] xlsx = download("/api/reports/students.xlsx" + query, tokens.stateAdmin(), "students-2021-2022-" + pid + ".xlsx");
        List<List<String>> rows = Downloaded.sheet(xlsx, "Students");
        assertThat(rows.get(0)).startsWith("PID", "School", "STN", "Family name", "Given name");
        assertThat(rows.stream().skip(1).map(r -> r.get(3)))
                .as("every student with an active enrollment, by name; H was removed from the roster")
                .containsExactly("Avila", "Brown", "Cruz", "Diaz", "Evans", "Ford", "Green");
        Map<String, List<String>> byStn = new java.util.HashMap<>();
        rows.stream().skip(1).forEach(r -> byStn.put(r.get(2), r));
        int teachers = 7, applies = 8, complete = 9, deceased = 10, education = 11, employment = 12, taken = 14, passed = 15,
                entries = 16, certificate = 17;
        List<String> a = byStn.get(d.stn("A"));
        assertThat(a.subList(0, 2)).containsExactly(pid, "Sample High School");
        assertThat(a.get(6)).isEqualTo("12");
        assertThat(List.of(a.get(teachers), a.get(applies), a.get(complete), a.get(deceased), a.get(education), a.get(employment),
                a.get(taken), a.get(passed), a.get(entries), a.get(certificate))).containsExactly("Alice Adams", "Yes", "Yes", "No",
                "not-attending", "employed-full-time-civilian", "1", "1", "7503 ED passed", "Yes");
        assertThat(byStn.get(d.stn("B")).get(deceased)).isEqualTo("Yes");
        assertThat(byStn.get(d.stn("C")).get(teachers)).isEqualTo("Alice Adams; Bob Baker");
        List<String> e = byStn.get(d.stn("E"));
        assertThat(List.of(e.get(complete), e.get(education), e.get(employment))).as("the reopened version 2")
                .containsExactly("No", "technology-center-adult", "");
        List<String> f = byStn.get(d.stn("F"));
        assertThat(List.of(f.get(complete), f.get(education), f.get(taken), f.get(certificate))).as("never saved")
                .containsExactly("No", "", "0", "No");
        List<String> g = byStn.get(d.stn("G"));
        assertThat(List.of(g.get(applies), g.get(complete), g.get(taken), g.get(passed), g.get(entries)))
                .as("grade 11: no follow-up; not-taken is no test taken")
                .containsExactly("No", "", "1", "1", "1234 BA passed; 7503 ED not-taken");

        byte[] own = download("/api/reports/students.xlsx?year=" + d.year(), tokens.schoolAdmin(pid),
                "students-2021-2022-" + pid + ".xlsx");
        assertThat(Downloaded.sheet(own, "Students")).isEqualTo(rows);
        assertThat(get("/api/reports/students.xlsx" + query, tokens.schoolAdmin("10002")).statusCode()).isEqualTo(403);
        assertThat(Downloaded.sheet(download("/api/reports/students.xlsx?year=" + d.year(), tokens.schoolAdmin("10002"),
                "students-2021-2022-10002.xlsx"), "Students").stream().map(r -> r.get(0))).doesNotContain(pid);
        assertThat(get("/api/reports/students.xlsx" + query, tokens.teacher("700001", pid)).statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/students.xlsx" + query, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/reports/students.pdf" + query, tokens.stateAdmin()).statusCode()).isEqualTo(404);
        var bad = get("/api/reports/students.xlsx?org=x&year=2021", tokens.stateAdmin());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"org\"").contains("\"year\"");

        // docs/SECURITY.md "Audit log": each export that sent students is one entry, refused ones none
        var exports = json.readTree(get("/api/reports/audit?action=report.students.export&stn=" + d.stn("A"),
                tokens.stateAdmin()).body()).get("entries");
        assertThat(exports).hasSize(2);
        var byAdmin = exports.get(0);
        var byState = exports.get(1);
        assertThat(byAdmin.get("username").asString()).isEqualTo("admin");
        assertThat(byAdmin.at("/details/organizations").asString()).isEqualTo(pid);
        assertThat(byState.get("username").asString()).isEqualTo("state");
        assertThat(byState.get("organizationPid").asString()).isEqualTo(pid);
        assertThat(byState.get("schoolYear").asString()).isEqualTo(d.year());
        assertThat(byState.get("resultCount").asInt()).isEqualTo(7);
        assertThat(byState.get("stns")).hasSize(7);
        assertThat(byState.get("stns").toString()).contains(d.stn("A"), d.stn("G")).doesNotContain(d.stn("H"));
        assertThat(byState.get("clientAddress").asString()).isEqualTo("127.0.0.1");
        // a statewide export names its scope and count, not a million STNs
        download("/api/reports/students.xlsx?year=" + d.year(), tokens.stateAdmin(), "students-2021-2022.xlsx");
        var statewide = json.readTree(get("/api/reports/audit?action=report.students.export&user=state&size=1",
                tokens.stateAdmin()).body()).at("/entries/0");
        assertThat(statewide.at("/details/organizations").asString()).isEqualTo("all");
        assertThat(statewide.get("stns")).isEmpty();
        assertThat(statewide.get("resultCount").asInt()).isGreaterThanOrEqualTo(7);
        assertThat(json.readTree(get("/api/reports/audit/verification", tokens.stateAdmin()).body()).get("valid").asBoolean())
                .isTrue();
    }

    @Test
    void completionProgressIsPublishedForSubscribersAndKeptOverTime() throws Exception {
        String year = "2022-2023";
        String s1 = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        String s2 = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        for (String[] e : new String[][] {{s1, "700001"}, {s2, "700001"}, {s2, "700002"}}) {
            send(enrollments, e[0], "ctims.roster.enrollment-recorded.v1", id(), Instant.now(),
                    Samples.enrollment(UUID.randomUUID(), year, e[0], 12, pid, e[1], "Business"));
        }
        await().until(() -> count("select count(*) from enrollment where organization_pid = ?", pid) == 3);

        UUID r1 = UUID.randomUUID();
        UUID r2 = UUID.randomUUID();
        savedAt("2019-10-01T15:00:00Z", id(), r1, year, s1, 12, 1, false, "not-attending", "employed-full-time-civilian", true, true);
        // two students' events may be on different partitions, consumed side by side: S1 first, as a teacher would
        await().until(() -> count("select count(*) from report_state where report_id = ?", r1) == 1);
        savedAt("2019-10-02T15:00:00Z", id(), r2, year, s2, 12, 1, false, "not-attending", "employed-full-time-civilian", true, true);
        String reopenedId = id();
        savedAt("2019-10-03T15:00:00Z", reopenedId, r2, year, s2, 12, 2, false, "not-attending", null, false, false);
        // the reopening delivered again, the same version under another event id, a late older version
        savedAt("2019-10-03T15:00:00Z", reopenedId, r2, year, s2, 12, 2, false, "not-attending", null, false, false);
        savedAt("2019-10-03T15:00:00Z", id(), r2, year, s2, 12, 2, false, "not-attending", null, false, false);
        savedAt("2019-10-02T15:00:00Z", id(), r2, year, s2, 12, 1, false, "not-attending", "employed-full-time-civilian", true, true);
        savedAt("2019-10-04T15:00:00Z", id(), r2, year, s2, 12, 3, false, "not-attending", "employed-full-time-civilian", true, true);

        // by hand: [type, teacher, followUpComplete] of each event of this school, in order
        List<String> expected = List.of(
                "teacher 700001 1", "school 1",                                   // S1 complete
                "teacher 700001 2", "teacher 700002 1", "school 2", "completed 2", // S2 complete: 100%
                "teacher 700001 1", "teacher 700002 0", "school 1",               // S2 reopened
                "teacher 700001 2", "teacher 700002 1", "school 2", "completed 2"); // S2 complete again
        try (var subscriber = new org.ctims.report.example.ProgressSubscriber(brokers, progress, "example-" + pid)) {
            await().until(() -> {
                subscriber.poll(Duration.ofMillis(500));
                return subscriber.events().stream().filter(e -> pid.equals(e.key())).count() >= expected.size();
            });
            var events = subscriber.events().stream().filter(e -> pid.equals(e.key())).toList();
            assertThat(events).extracting(e -> switch (e.type()) {
                case "ctims.report.teacher-progress-changed.v1" -> "teacher " + e.payload().get("teacherStaffId").asString()
                        + " " + e.payload().get("followUpComplete").asInt();
                case "ctims.report.school-progress-changed.v1" -> "school " + e.payload().get("followUpComplete").asInt();
                default -> "completed " + e.payload().get("followUpComplete").asInt();
            }).isEqualTo(expected);
            for (var e : events) {
                assertThat(ProducerSchemas.violations(e.type(), e.payload())).as(e.type()).isEmpty();
                assertThat(e.subject()).isEqualTo(pid);
                assertThat(e.payload().get("schoolYear").asString()).isEqualTo(year);
            }
            // the payload's key order is not kept (stored as jsonb): compare the figures one by one
            var schoolFigures = events.get(4).payload();
            assertThat(List.of("students", "followUpApplicable", "followUpComplete", "followUpIncomplete", "certificateComplete")
                    .stream().map(f -> schoolFigures.get(f).asInt()).toList()).containsExactly(2, 2, 2, 0, 2);
            assertThat(schoolFigures.get("changedAt").asString()).isEqualTo("2019-10-02T15:00:00Z");
            assertThat(events.get(3).payload().get("students").asInt()).isEqualTo(1); // teacher 700002 teaches S2 only
            assertThat(events.get(5).payload().get("reachedAt").asString()).isEqualTo("2019-10-02T15:00:00Z");
            assertThat(events.get(8).time()).startsWith("2019-10-03T15:00");
            assertThat(subscriber.school(pid, year).orElseThrow().get("followUpComplete").asInt()).isEqualTo(2);
        }
        // another group reads the same events again from the beginning
        try (var replay = new org.ctims.report.example.ProgressSubscriber(brokers, progress, "example-replay-" + pid)) {
            await().until(() -> {
                replay.poll(Duration.ofMillis(500));
                return replay.events().stream().filter(e -> pid.equals(e.key())).count() >= expected.size();
            });
            assertThat(replay.events().stream().filter(e -> pid.equals(e.key())).count()).isEqualTo(expected.size());
        }

        // over time (America/Chicago days; 15:00Z is 10:00 there): by hand from the four versions
        String path = "/api/reports/progress?org=" + pid + "&year=" + year;
        var school = json.readTree(get(path, tokens.schoolAdmin(pid)).body());
        assertThat(school.get("timeZone").asString()).isEqualTo("America/Chicago");
        assertThat(school.get("current").toString()).isEqualTo("{\"students\":2,\"followUpApplicable\":2,"
                + "\"followUpComplete\":2,\"followUpIncomplete\":0,\"certificateComplete\":2}");
        assertThat(school.get("days")).isEqualTo(json.readTree("""
                [{"date":"2019-10-01","followUpComplete":1,"certificateComplete":1,"saves":1},
                 {"date":"2019-10-02","followUpComplete":2,"certificateComplete":2,"saves":1},
                 {"date":"2019-10-03","followUpComplete":1,"certificateComplete":1,"saves":1},
                 {"date":"2019-10-04","followUpComplete":2,"certificateComplete":2,"saves":1}]"""));
        var teacher = json.readTree(get(path, tokens.teacher("700002", pid)).body());
        assertThat(teacher.get("teacherStaffId").asString()).isEqualTo("700002");
        assertThat(teacher.get("days")).isEqualTo(json.readTree("""
                [{"date":"2019-10-02","followUpComplete":1,"certificateComplete":1,"saves":1},
                 {"date":"2019-10-03","followUpComplete":0,"certificateComplete":0,"saves":1},
                 {"date":"2019-10-04","followUpComplete":1,"certificateComplete":1,"saves":1}]"""));
        var window = json.readTree(get(path + "&from=2019-09-30&to=2019-10-02", tokens.stateAdmin()).body());
        assertThat(window.get("days")).isEqualTo(json.readTree("""
                [{"date":"2019-09-30","followUpComplete":0,"certificateComplete":0,"saves":0},
                 {"date":"2019-10-01","followUpComplete":1,"certificateComplete":1,"saves":1},
                 {"date":"2019-10-02","followUpComplete":2,"certificateComplete":2,"saves":1}]"""));
        var state = json.readTree(get("/api/reports/progress/state?year=" + year, tokens.client("report-reader", "report-consumer")).body());
        assertThat(state.get("days")).isEqualTo(school.get("days")); // no other school has this year
        assertThat(state.get("current")).isEqualTo(school.get("current"));

        assertThat(get(path + "&teacher=700002", tokens.teacher("700001", pid)).statusCode()).isEqualTo(403);
        assertThat(get(path, tokens.teacher("700001", "10002")).statusCode()).isEqualTo(403);
        assertThat(get("/api/reports/progress/state?year=" + year, tokens.schoolAdmin(pid)).statusCode()).isEqualTo(403);
        var bad = get(path + "&from=2019-13-01&to=x", tokens.stateAdmin());
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("\"from\"").contains("\"to\"");
        assertThat(get(path + "&from=2019-10-02&to=2019-10-01", tokens.stateAdmin()).statusCode()).isEqualTo(422);
    }

    @Test
    void rebuildingAndDisorderedOrDuplicatedEventsGiveTheSameFigures() throws Exception {
        String year = "2023-2024";
        String first = pid;
        DataSet ordered = schoolDataSet(year);
        // a second school with the same students and answers: every event shuffled, sent twice with
        // its id, and the report events once more under a new id (a producer's retry)
        pid = String.valueOf(Integer.parseInt(first) + 1);
        String second = pid;
        capturing = new java.util.ArrayList<>();
        schoolDataSet(year, ordered.stns());
        List<Sent> events = new java.util.ArrayList<>(capturing);
        capturing = null;
        for (Sent e : List.copyOf(events)) {
            events.add(e);
            if (e.topic().equals(reports)) {
                events.add(new Sent(e.topic(), e.key(), e.type(), id(), e.time(), e.payload()));
            }
        }
        long seed = System.nanoTime();
        java.util.Collections.shuffle(events, new java.util.Random(seed));
        events.forEach(e -> send(e.topic(), e.key(), e.type(), e.eventId(), e.time(), e.payload()));

        await().untilAsserted(() -> assertThat(answers(second, year)).as("seed %d", seed).isEqualTo(answers(first, year)));
        var before = answers(first, year);
        assertThat(before.get("summary").at("/summary/students").asInt()).isEqualTo(7); // the figures checked by hand elsewhere
        long announced = count("select count(*) from progress_announced");
        long progressEvents = progressEventsOf(first);

        // two rebuilds at once: one runs, the other is refused
        awaitNoRebuildRunning();
        var parallel = List.of(
                java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly("/api/reports/read-models/rebuild")),
                java.util.concurrent.CompletableFuture.supplyAsync(() -> postQuietly("/api/reports/read-models/rebuild")));
        var responses = parallel.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(responses).extracting(java.net.http.HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409).first()
                .satisfies(r -> assertThat(r.body()).contains("rebuild-running"));
        assertThat(responses).filteredOn(r -> r.statusCode() == 200).first()
                .satisfies(r -> assertThat(r.body()).containsPattern("\"state\":\"(replaying|done)\"").contains("\"startedBy\""));

        await().untilAsserted(() -> {
            var status = json.readTree(get("/api/reports/read-models/rebuild", tokens.stateAdmin()).body());
            assertThat(status.get("state").asString()).isEqualTo("done");
            assertThat(status.get("remaining").asLong()).isZero();
            assertThat(status.get("replayed").asLong()).isEqualTo(status.get("events").asLong()).isPositive();
        });
        await().untilAsserted(() -> {
            assertThat(answers(first, year)).isEqualTo(before);
            assertThat(answers(second, year)).isEqualTo(before);
        });
        // the replay announced nothing again
        await().until(() -> count("select count(*) from outbox") == 0);
        assertThat(count("select count(*) from progress_announced")).isEqualTo(announced);
        assertThat(progressEventsOf(first)).isEqualTo(progressEvents);
        assertThat(get("/api/reports/read-models/rebuild", tokens.schoolAdmin(first)).statusCode()).isEqualTo(403);
    }

    /** Every report of a school and year as JSON, with the school's PID written as "PID". */
    private Map<String, tools.jackson.databind.JsonNode> answers(String school, String year) throws Exception {
        String query = "?org=" + school + "&year=" + year;
        Map<String, tools.jackson.databind.JsonNode> answers = new java.util.TreeMap<>();
        for (String[] path : new String[][] {{"summary", "/api/reports/school-summary" + query},
                {"teacher 700001", "/api/reports/teacher-summary" + query + "&teacher=700001"},
                {"teacher 700002", "/api/reports/teacher-summary" + query + "&teacher=700002"},
                {"accountability", "/api/reports/accountability" + query},
                {"progress", "/api/reports/progress" + query}}) {
            var response = get(path[1], tokens.stateAdmin());
            assertThat(response.statusCode()).isEqualTo(200);
            answers.put(path[0], json.readTree(response.body().replace("\"" + school + "\"", "\"PID\"")));
        }
        return answers;
    }

    private long progressEventsOf(String school) {
        return KafkaTopics.readAll(brokers, progress).stream().filter(r -> school.equals(KafkaTopics.key(r))).count();
    }

    private void awaitNoRebuildRunning() {
        await().until(() -> !List.of("dropping", "replaying").contains(
                json.readTree(get("/api/reports/read-models/rebuild", tokens.stateAdmin()).body()).get("state").asString()));
    }

    private java.net.http.HttpResponse<String> postQuietly(String path) {
        try {
            return post(path, tokens.stateAdmin());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** students, followUpApplicable, followUpComplete, followUpIncomplete, certificateComplete, deceased as text. */
    private static List<String> counts(tools.jackson.databind.JsonNode summary) {
        return java.util.stream.Stream.of("students", "followUpApplicable", "followUpComplete", "followUpIncomplete",
                "certificateComplete", "deceased").map(f -> summary.get(f).asString()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The breakdowns, results and incomplete list of a summary, in the workbook and the PDF. */
    private static void checkDetails(tools.jackson.databind.JsonNode summary, byte[] xlsx, List<String> pdf) {
        for (String[] breakdown : new String[][] {{"educationStatus", "Education status"}, {"employmentStatus", "Employment status"}}) {
            List<List<String>> rows = Downloaded.sheet(xlsx, breakdown[1]);
            assertThat(rows).hasSize(summary.get(breakdown[0]).size() + 1);
            summary.get(breakdown[0]).properties().forEach(e -> {
                assertThat(rows).anyMatch(r -> r.get(1).equals(e.getKey()) && r.get(2).equals(e.getValue().asString()));
                assertThat(pdf).anyMatch(l -> l.endsWith(" " + e.getKey() + " " + e.getValue().asString()));
            });
        }
        for (String[] results : new String[][] {{"byAssessment", "By assessment"}, {"byCluster", "By cluster"}}) {
            List<List<String>> rows = Downloaded.sheet(xlsx, results[1]);
            assertThat(rows).hasSize(summary.get(results[0]).size() + 1);
            summary.get(results[0]).properties().forEach(e -> {
                List<String> expected = List.of(e.getKey(), e.getValue().get("name").asString(), e.getValue().get("taken").asString(),
                        e.getValue().get("passed").asString(), e.getValue().get("notPassed").asString());
                assertThat(rows).contains(expected);
                assertThat(pdf).contains(String.join(" ", expected));
            });
        }
        List<List<String>> incomplete = Downloaded.sheet(xlsx, "Follow-up incomplete");
        assertThat(incomplete).hasSize(summary.get("incomplete").size() + 1);
        for (int i = 0; i < summary.get("incomplete").size(); i++) {
            var student = summary.get("incomplete").get(i);
            assertThat(incomplete.get(i + 1)).containsExactly(student.get("name").asString(), student.get("stn").asString());
            assertThat(pdf).contains(student.get("name").asString() + " " + student.get("stn").asString());
        }
    }

    /** One level's row of both accountability tables, in the workbook (row {@code row}) and the PDF. */
    private static void checkAccountability(String level, String key, String name, tools.jackson.databind.JsonNode figures,
                                            byte[] xlsx, List<String> pdf, int row) {
        var p = figures.get("placement");
        var c = figures.get("credentialAttainment");
        List<String> placement = List.of(level, key, name, figures.get("cohortSize").asString(), p.get("placed").asString(),
                p.get("notPlaced").asString(), p.get("nonRespondents").asString(), p.get("excludedDeceased").asString(),
                p.get("excludedStillSecondary").asString(), p.at("/withNonRespondents/denominator").asString(),
                text(p.at("/withNonRespondents/percent")), p.at("/withoutNonRespondents/denominator").asString(),
                text(p.at("/withoutNonRespondents/percent")));
        List<String> credentials = List.of(level, key, name, c.get("attained").asString(), c.get("eligible").asString(),
                c.get("excludedDeceased").asString(), text(c.at("/rate/percent")));
        assertThat(Downloaded.sheet(xlsx, "3S1 placement").get(row)).isEqualTo(placement);
        assertThat(Downloaded.sheet(xlsx, "5S1 credentials").get(row)).isEqualTo(credentials);
        assertThat(pdf).contains(line(placement), line(credentials));
    }

    private static String text(tools.jackson.databind.JsonNode node) {
        return node.isNull() ? "" : node.asString();
    }

    private static String line(List<String> cells) {
        return String.join(" ", cells.stream().filter(s -> !s.isEmpty()).toList());
    }

    private byte[] download(String path, String token, String fileName) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + fileName + "\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .isEqualTo(fileName.endsWith(".pdf") ? "application/pdf"
                        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        return response.body();
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

    /** The authorization matrix's fixture: one grade-12 enrollment of a teacher of the school. */
    private AuthorizationMatrix.Fixture requests() {
        String staffId = "7" + pid;
        String otherSchool = String.valueOf(Long.parseLong(pid) + 1);
        send(enrollments, stn, "ctims.roster.enrollment-recorded.v1", id(), Instant.now(),
                Samples.enrollment(UUID.randomUUID(), YEAR, stn, 12, pid, staffId, "Business"));
        await().until(() -> count("select count(*) from enrollment where stn = ? and organization_pid = ?", stn, pid) == 1);
        awaitNoRebuildRunning();
        return new AuthorizationMatrix.Fixture(pid, staffId, otherSchool, staffId, Map.of("school", pid, "year", YEAR, "teacher", staffId),
                Map.of(), "select started_at, started_by from rebuild");
    }

    @Nested
    class DownloadLimits {

        @Autowired
        HeavyRequests heavy;
        @Autowired
        BulkheadRegistry bulkheads;

        /** The state admin's {@link CurrentUser} as the resource server builds it from the test token. */
        private CurrentUser stateAdmin() {
            var user = tokens.stateAdmin();
            String subject = com.jayway.jsonpath.JsonPath.read(new String(java.util.Base64.getUrlDecoder()
                    .decode(user.split("\\.")[1]), StandardCharsets.UTF_8), "$.sub");
            return new CurrentUser(subject, "state", "State Staff", Set.of(Role.STATE_ADMIN), Set.of(), null);
        }

        @Test
        void aSecondDownloadOfTheSameUserIs429OneOverTheBulkheadIs503AndEachPlaceComesBack() throws Exception {
            String path = "/api/reports/accountability/state.xlsx?year=2020-2021";
            assertThat(get(path, tokens.stateAdmin()).statusCode()).isEqualTo(200);
            assertThat(get(path, tokens.stateAdmin()).statusCode()).as("the first download's place was given back").isEqualTo(200);

            try (HeavyRequests.Permit running = heavy.enter(new HeavyRequests.Kind("report-downloads", "x"), stateAdmin())) {
                var again = get(path, tokens.stateAdmin());
                assertThat(again.statusCode()).isEqualTo(429);
                assertThat(again.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(json.readTree(again.body()).path("type").asString()).isEqualTo("urn:ctims:problem:one-at-a-time");
                assertThat(get(path, tokens.client("report-reader", "report-consumer")).statusCode()).as("another caller").isEqualTo(200);
            }
            assertThat(get(path, tokens.stateAdmin()).statusCode()).isEqualTo(200);

            Bulkhead downloads = bulkheads.bulkhead("report-downloads");
            int places = downloads.getBulkheadConfig().getMaxConcurrentCalls();
            for (int i = 0; i < places; i++) {
                downloads.acquirePermission();
            }
            try {
                var busy = get(path, tokens.stateAdmin());
                assertThat(busy.statusCode()).isEqualTo(503);
                assertThat(json.readTree(busy.body()).path("type").asString()).isEqualTo("urn:ctims:problem:busy");
                assertThat(get("/api/reports/accountability/state?year=2020-2021", tokens.stateAdmin()).statusCode())
                        .as("the JSON report is not limited").isEqualTo(200);
            } finally {
                for (int i = 0; i < places; i++) {
                    downloads.onComplete();
                }
            }
            assertThat(get(path, tokens.stateAdmin()).statusCode()).isEqualTo(200);
        }
    }

    /**
     * Every endpoint, every caller: {@code src/test/resources/authorization-matrix.md}. The other
     * school's teacher has the same staff id as the first school's. State staff start a rebuild in
     * the last row; it is awaited, so the tests after it see the read models whole.
     */
    @Nested
    class EveryEndpointEveryCaller extends AuthorizationMatrix {

        @Override
        protected Fixture fixture() {
            return requests();
        }

        @AfterEach
        void rebuildDone() {
            awaitNoRebuildRunning();
        }
    }

    /** docs/SECURITY.md "Hostile input". The audit log's {@code org} and {@code user} are filters (state staff may look for any). */
    @Nested
    class HostileInputToEveryEndpoint extends HostileInput {

        @Override
        protected Fixture fixture() {
            AuthorizationMatrix.Fixture requests = requests();
            return new Fixture(requests, Map.of(requests.school(), requests.otherSchool()), Map.of(),
                    Set.of("GET /api/reports/audit org", "GET /api/reports/audit user"), Map.of());
        }
    }
}
