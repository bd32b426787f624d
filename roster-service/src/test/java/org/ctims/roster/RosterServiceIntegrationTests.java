package org.ctims.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.ctims.roster.OneRosterRecords.cteClass;
import static org.ctims.roster.OneRosterRecords.demographic;
import static org.ctims.roster.OneRosterRecords.enrollment;
import static org.ctims.roster.OneRosterRecords.school;
import static org.ctims.roster.OneRosterRecords.schoolYear;
import static org.ctims.roster.OneRosterRecords.student;
import static org.ctims.roster.OneRosterRecords.teacher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.Role;
import org.ctims.roster.oneroster.OneRosterParser;
import org.ctims.roster.oneroster.RosterIngest;
import org.ctims.testing.RealInfrastructure;
import org.ctims.testing.kafka.KafkaTopics;
import org.ctims.testing.service.AuthorizationMatrix;
import org.ctims.testing.service.HostileInput;
import org.ctims.testing.service.ServiceStartupChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The roster service on the real database and broker, in one Spring context (one database, one
 * topic suffix) shared by every nested group; each test uses its own SIS, so sourcedIds, STNs and
 * PIDs never collide between tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ctims.roster.inbound-topic=sis.oneroster.v1${ctims.test.topic-suffix}",
        "ctims.roster.enrollments-topic=roster.enrollments.v1${ctims.test.topic-suffix}",
        "ctims.outbox.poll-interval=50ms",
        "ctims.roster.pending-report-after=PT0S",
        "logging.level.org.apache.kafka=warn",
        "logging.level.org.springframework.cloud.stream=warn"})
@RealInfrastructure
class RosterServiceIntegrationTests extends ServiceStartupChecks {

    static {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(100));
    }

    static final JsonMapper json = JsonMapper.shared();

    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.cloud.stream.kafka.binder.brokers}")
    String brokers;
    @Value("${ctims.roster.inbound-topic}")
    String inbound;
    @Value("${ctims.roster.enrollments-topic}")
    String enrollments;

    SisFeed sis;

    @Override
    protected String schema() {
        return "roster";
    }

    @Override
    protected String apiPrefix() {
        return "/api/roster";
    }

    @BeforeEach
    void newSis() {
        sis = new SisFeed(brokers, inbound, "/sis/test-" + UUID.randomUUID());
    }

    @AfterEach
    void closeSis() {
        sis.close();
    }

    /** A whole small roster of one SIS: a school, a year, a teacher, a student in a CTE class. */
    final class Roster {
        final String pid = String.valueOf(ThreadLocalRandom.current().nextInt(20_000, 99_999_999));
        final String stn = String.format("%010d", ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
        final String staffId = String.valueOf(ThreadLocalRandom.current().nextInt(100_000, 999_999));

        OneRosterRecords.Builder org() {
            return school("org-1", pid, "Sample High School " + pid);
        }

        OneRosterRecords.Builder year() {
            return schoolYear("sy-2019", 2019);
        }

        OneRosterRecords.Builder teacherUser() {
            return teacher("t-1", staffId, "org-1");
        }

        OneRosterRecords.Builder studentUser() {
            return student("u-1", stn, "org-1").with("givenName", "Jamie").with("familyName", "Rivera")
                    .with("email", "jamie@students.example.org").grades("12");
        }

        OneRosterRecords.Builder demographics() {
            return demographic("u-1", "2001-02-03", "female");
        }

        OneRosterRecords.Builder clazz() {
            return cteClass("c-1", "org-1", "sy-2019", "Business and Marketing");
        }

        OneRosterRecords.Builder teaching() {
            return enrollment("e-t1", "t-1", "c-1", "org-1", "teacher");
        }

        OneRosterRecords.Builder studentEnrollment() {
            return enrollment("e-u1", "u-1", "c-1", "org-1", "student");
        }

        List<OneRosterRecords.Builder> all() {
            return List.of(org(), year(), teacherUser(), studentUser(), demographics(), clazz(), teaching(), studentEnrollment());
        }

        void sendAll() {
            sis.send(all().toArray(OneRosterRecords.Builder[]::new));
        }

        /** The stored canonical enrollment, empty while there is none. */
        Map<String, Object> stored() {
            return jdbc.queryForList("select * from enrollment where sis = ? and sourced_id = 'e-u1'", sis.sis()).stream()
                    .findFirst().orElse(Map.of());
        }

        boolean isStored() {
            return count("select count(*) from enrollment where sis = ? and sourced_id = 'e-u1'") == 1;
        }

        int count(String sql) {
            return jdbc.queryForObject(sql, Integer.class, sis.sis());
        }

        /** The events published for this roster's student, once there are {@code expected} of them. */
        List<ConsumerRecord<byte[], byte[]>> events(int expected) {
            return KafkaTopics.readUntil(brokers, enrollments, r -> stn.equals(KafkaTopics.key(r)),
                    records -> records.size() >= expected);
        }

        /** Waits until every event for this student left the outbox, then returns all of them. */
        List<ConsumerRecord<byte[], byte[]>> settledEvents(int expected) {
            await().until(() -> jdbc.queryForObject("select count(*) from outbox where event_key = ?", Integer.class, stn) == 0);
            List<ConsumerRecord<byte[], byte[]>> events = events(expected);
            assertThat(events).as("events for STN %s", stn).hasSize(expected);
            return events;
        }
    }

    static JsonNode payload(ConsumerRecord<byte[], byte[]> record) {
        return json.readTree(new String(record.value(), StandardCharsets.UTF_8));
    }

    static String randomLetters(int length) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < length; i++) {
            letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return letters.toString();
    }

    static String change(ConsumerRecord<byte[], byte[]> record) {
        return payload(record).path("change").asString();
    }

    @Nested
    class Ingestion {

        @Test
        void aCompleteRosterBecomesOnePublishedEnrollmentWithEveryMappedFact() {
            Roster roster = new Roster();
            roster.sendAll();

            await().until(roster::isStored);
            ConsumerRecord<byte[], byte[]> event = roster.settledEvents(1).get(0);
            assertThat(KafkaTopics.key(event)).isEqualTo(roster.stn);
            assertThat(KafkaTopics.header(event, "ce_type")).isEqualTo("ctims.roster.enrollment-recorded.v1");
            assertThat(KafkaTopics.header(event, "ce_source")).isEqualTo("/ctims/roster-service");
            assertThat(KafkaTopics.header(event, "ce_subject")).isEqualTo(roster.pid);
            JsonNode payload = payload(event);
            assertThat(EventSchemas.violations("ctims.roster.enrollment-recorded.v1", payload)).isEmpty();
            assertThat(payload.path("change").asString()).isEqualTo("added");
            assertThat(payload.path("schoolYear").asString()).isEqualTo("2018-2019");
            assertThat(payload.path("division").asString()).isEqualTo("Business and Marketing");
            JsonNode student = payload.path("student");
            assertThat(student.path("stn").asString()).isEqualTo(roster.stn);
            assertThat(student.path("givenName").asString()).isEqualTo("Jamie");
            assertThat(student.path("familyName").asString()).isEqualTo("Rivera");
            assertThat(student.path("birthDate").asString()).isEqualTo("2001-02-03");
            assertThat(student.path("gender").asString()).isEqualTo("female");
            assertThat(student.path("grade").asInt()).isEqualTo(12);
            assertThat(student.path("email").asString()).isEqualTo("jamie@students.example.org");
            assertThat(payload.path("organization").path("pid").asString()).isEqualTo(roster.pid);
            assertThat(payload.path("organization").path("name").asString()).isEqualTo("Sample High School " + roster.pid);
            assertThat(payload.path("teacher").path("staffId").asString()).isEqualTo(roster.staffId);
            assertThat(payload.path("teacher").path("name").asString()).isEqualTo("Alice Adams");
            assertThat(payload.path("source").path("sis").asString()).isEqualTo(sis.sis());
            assertThat(payload.path("source").path("sourcedId").asString()).isEqualTo("e-u1");
        }

        @Test
        void recordsArrivingBeforeWhatTheyReferToWaitAndAreAppliedWhenItArrives() {
            Roster roster = new Roster();
            List<OneRosterRecords.Builder> reversed = new java.util.ArrayList<>(roster.all());
            java.util.Collections.reverse(reversed);
            sis.send(reversed.get(0), reversed.get(1));   // the student's and the teacher's enrollments first

            await().until(() -> roster.count("select count(*) from pending_enrollment where sis = ?") == 1);
            assertThat(jdbc.queryForObject("select waiting_for from pending_enrollment where sis = ?", String.class, sis.sis()))
                    .contains("user u-1", "class c-1");
            assertThat(roster.isStored()).isFalse();

            sis.send(reversed.subList(2, reversed.size()).toArray(OneRosterRecords.Builder[]::new));

            await().until(roster::isStored);
            assertThat(roster.count("select count(*) from pending_enrollment where sis = ?")).isZero();
            List<ConsumerRecord<byte[], byte[]>> events = roster.settledEvents(1);
            assertThat(change(events.get(0))).isEqualTo("added");
            assertThat(payload(events.get(0)).path("student").path("birthDate").asString())
                    .as("demographics were among the last to arrive").isEqualTo("2001-02-03");
        }

        @Test
        void replayingTheSameRecordsOrRedeliveringThemChangesNothing() {
            Roster roster = new Roster();
            roster.sendAll();
            await().until(roster::isStored);
            String eventId = sis.send(roster.studentUser());

            roster.sendAll();                                  // the SIS sends the same roster again
            sis.redeliver(eventId, roster.studentUser());      // Kafka delivers one message twice
            // A newer change behind them, on the same keys, shows the replay has been consumed.
            sis.send(roster.studentUser().with("givenName", "Jay").modified(Instant.parse("2019-04-01T00:00:00Z")));

            await().until(() -> "Jay".equals(roster.stored().get("given_name")));
            List<ConsumerRecord<byte[], byte[]>> events = roster.settledEvents(2);
            assertThat(events).extracting(RosterServiceIntegrationTests::change).containsExactly("added", "changed");
            assertThat(payload(events.get(1)).path("student").path("givenName").asString()).isEqualTo("Jay");
        }

        @Test
        void aNewerRecordWinsAndAnOlderOrEqualOneChangesNothing() {
            Roster roster = new Roster();
            roster.sendAll();
            // Stored first: a change in the same poll as the first version would be published as one "added".
            await().until(roster::isStored);
            sis.send(roster.clazz().subjects("Health Science").modified(Instant.parse("2019-05-01T00:00:00Z")));
            await().until(() -> "Health Science".equals(roster.stored().get("division")));

            sis.send(roster.clazz().subjects("Agriculture").modified(Instant.parse("2019-04-01T00:00:00Z")),
                    roster.clazz().subjects("Manufacturing").modified(Instant.parse("2019-05-01T00:00:00Z")),
                    roster.studentUser().with("familyName", "Marker").modified(Instant.parse("2019-06-01T00:00:00Z")));

            await().until(() -> "Marker".equals(roster.stored().get("family_name")));
            assertThat(roster.stored().get("division")).isEqualTo("Health Science");
            assertThat(roster.settledEvents(3)).extracting(RosterServiceIntegrationTests::change)
                    .containsExactly("added", "changed", "changed");
        }

        @Test
        void deletingTheEnrollmentPublishesItsRemovalAndAnOlderCopyDoesNotReviveIt() {
            Roster roster = new Roster();
            roster.sendAll();
            await().until(roster::isStored);
            sis.send(roster.studentEnrollment().deleted().modified(Instant.parse("2019-05-01T00:00:00Z")));

            await().until(() -> !roster.isStored());
            sis.send(roster.studentEnrollment());   // the older active copy, late
            sis.send(roster.studentUser().with("givenName", "Marker").modified(Instant.parse("2019-06-01T00:00:00Z")));
            await().until(() -> roster.count("select count(*) from roster_user where sis = ? and given_name = 'Marker'") == 1);

            assertThat(roster.isStored()).isFalse();
            List<ConsumerRecord<byte[], byte[]>> events = roster.settledEvents(2);
            assertThat(events).extracting(RosterServiceIntegrationTests::change).containsExactly("added", "removed");
            ConsumerRecord<byte[], byte[]> removed = events.get(1);
            assertThat(KafkaTopics.header(removed, "ce_type")).isEqualTo("ctims.roster.enrollment-removed.v1");
            assertThat(EventSchemas.violations("ctims.roster.enrollment-removed.v1", payload(removed))).isEmpty();
            assertThat(payload(removed).path("enrollmentId").asString())
                    .isEqualTo(payload(events.get(0)).path("enrollmentId").asString());
        }

        @Test
        void deletingTheStudentRemovesTheirEnrollment() {
            Roster roster = new Roster();
            roster.sendAll();
            await().until(roster::isStored);

            sis.send(roster.studentUser().deleted().modified(Instant.parse("2019-05-01T00:00:00Z")));

            await().until(() -> !roster.isStored());
            assertThat(roster.settledEvents(2)).extracting(RosterServiceIntegrationTests::change).containsExactly("added", "removed");
            assertThat(roster.count("select count(*) from pending_enrollment where sis = ?")).as("removed, not waiting").isZero();
        }

        @Test
        void renamingTheSchoolChangesItsEnrollments() {
            Roster roster = new Roster();
            roster.sendAll();
            await().until(roster::isStored);

            sis.send(roster.org().with("name", "Renamed High").modified(Instant.parse("2019-05-01T00:00:00Z")));

            await().until(() -> "Renamed High".equals(roster.stored().get("organization_name")));
            List<ConsumerRecord<byte[], byte[]>> events = roster.settledEvents(2);
            assertThat(change(events.get(1))).isEqualTo("changed");
            assertThat(payload(events.get(1)).path("organization").path("name").asString()).isEqualTo("Renamed High");
        }

        @Test
        void aClassThatLosesItsTeacherRemovesTheEnrollmentUntilANewTeacherArrives() {
            Roster roster = new Roster();
            roster.sendAll();
            await().until(roster::isStored);

            sis.send(roster.teaching().deleted().modified(Instant.parse("2019-05-01T00:00:00Z")));
            await().until(() -> !roster.isStored());
            assertThat(jdbc.queryForObject("select waiting_for from pending_enrollment where sis = ?", String.class, sis.sis()))
                    .isEqualTo("a teacher of class c-1");

            sis.send(teacher("t-2", "9" + roster.staffId, "org-1").with("givenName", "Bob").with("familyName", "Baker"),
                    enrollment("e-t2", "t-2", "c-1", "org-1", "teacher"));
            await().until(() -> ("9" + roster.staffId).equals(roster.stored().get("teacher_staff_id")));
            assertThat(roster.stored()).containsEntry("teacher_name", "Bob Baker");
            assertThat(roster.settledEvents(3)).extracting(RosterServiceIntegrationTests::change)
                    .containsExactly("added", "removed", "added");
        }

        @Test
        void aChangedStnIsRetractedUnderTheOldKeyAndAddedUnderTheNew() {
            Roster roster = new Roster();
            roster.sendAll();
            await().until(roster::isStored);
            String newStn = "0" + roster.stn.substring(1, 9) + "7";

            sis.send(student("u-1", newStn, "org-1").modified(Instant.parse("2019-05-01T00:00:00Z")));

            await().until(() -> newStn.equals(roster.stored().get("stn")));
            assertThat(roster.settledEvents(2)).extracting(RosterServiceIntegrationTests::change).containsExactly("added", "removed");
            List<ConsumerRecord<byte[], byte[]>> underNewKey = KafkaTopics.readUntil(brokers, enrollments,
                    r -> newStn.equals(KafkaTopics.key(r)), records -> !records.isEmpty());
            assertThat(change(underNewKey.get(0))).isEqualTo("added");
        }
    }

    /** Two intakes (two instances, or the Kafka intake and an upload) writing one SIS's records at once. */
    @Nested
    class ConcurrentIntakes {

        @Autowired
        RosterIngest ingest;
        @Autowired
        PlatformTransactionManager transactions;

        @Test
        void anEnrollmentParkedWhileAnotherIntakeStoresItsClassIsAppliedOnceBothHaveCommitted() throws Exception {
            Roster roster = new Roster();
            // everything but the class: the student's enrollment will wait for the class only
            apply(roster.org(), roster.year(), roster.teacherUser(), roster.studentUser(), roster.demographics(), roster.teaching());
            CountDownLatch enrollmentParked = new CountDownLatch(1);
            CountDownLatch classIntakeDone = new CountDownLatch(1);
            ExecutorService intakes = Executors.newFixedThreadPool(2);
            try {
                Future<?> enrolling = intakes.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                    apply(roster.studentEnrollment());
                    enrollmentParked.countDown();
                    // the class's intake runs now: unserialised, it commits without seeing this
                    // uncommitted enrollment; serialised, it waits for this commit (so this wait times out)
                    awaitQuietly(classIntakeDone, Duration.ofSeconds(3));
                }));
                assertThat(enrollmentParked.await(30, TimeUnit.SECONDS)).as("the enrollment was parked").isTrue();
                Future<?> classing = intakes.submit(() -> {
                    apply(roster.clazz());
                    classIntakeDone.countDown();
                });
                enrolling.get(60, TimeUnit.SECONDS);
                classing.get(60, TimeUnit.SECONDS);
            } finally {
                intakes.shutdownNow();
            }

            assertThat(roster.count("select count(*) from pending_enrollment where sis = ?"))
                    .as("enrollments still waiting once the class is stored").isZero();
            assertThat(roster.isStored()).isTrue();
            assertThat(change(roster.settledEvents(1).get(0))).isEqualTo("added");
        }

        private void apply(OneRosterRecords.Builder... records) {
            OneRosterParser parser = new OneRosterParser();
            ingest.applyBatch(java.util.Arrays.stream(records)
                    .map(r -> new RosterIngest.Incoming(UUID.randomUUID().toString(), parser.parse(sis.sis(), r.ceType(), r.bytes())))
                    .toList());
        }

        private static void awaitQuietly(CountDownLatch latch, Duration wait) {
            try {
                latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Nested
    class InvalidRecords {

        String deadLetters() {
            return "error." + inbound + ".roster";
        }

        @Test
        void eachInvalidRecordIsRejectedWithItsReasonOnTheDeadLetterTopicAndTheRecordsBehindItAreApplied() {
            Roster roster = new Roster();
            Map<String, OneRosterRecords.Builder> invalid = Map.of(
                    "exactly 10 digits", student("u-9", "12345", "org-1"),
                    "no sourcedId", school("x", "1", "X").without("sourcedId"),
                    "not a possible date", demographic("u-1", "2001-02-30", "male"),
                    "Unknown record type", OneRosterRecords.record("oneroster.lineItem", "li-1"));
            invalid.values().forEach(sis::send);
            String malformed = UUID.randomUUID().toString();
            sis.send(malformed, "oneroster.user", "user:u-8", "{\"sourcedId\": \"u-8\", ".getBytes(StandardCharsets.UTF_8));
            roster.sendAll();

            await().until(roster::isStored);
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 5);
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readUntil(brokers, deadLetters(),
                    r -> sis.sis().equals(KafkaTopics.header(r, "ce_source")), records -> records.size() >= 5);
            List<String> reasons = dead.stream().map(r -> KafkaTopics.header(r, "x-exception-message")).toList();
            for (String reason : List.of("exactly 10 digits", "no sourcedId", "not a possible date", "Unknown record type",
                    "Malformed JSON")) {
                assertThat(reasons).as("dead letters").anySatisfy(r -> assertThat(r).contains(reason));
                assertThat(jdbc.queryForObject("select count(*) from rejected_record where sis = ? and reason like ?",
                        Integer.class, sis.sis(), "%" + reason + "%")).as(reason).isEqualTo(1);
            }
            assertThat(dead).anySatisfy(r -> {
                assertThat(KafkaTopics.header(r, "ce_id")).isEqualTo(malformed);
                assertThat(KafkaTopics.key(r)).isEqualTo("user:u-8");
                assertThat(KafkaTopics.header(r, "x-original-topic")).isEqualTo(inbound);
            });
            assertThat(jdbc.queryForMap("select record_key, school_sourced_id, payload_excerpt from rejected_record where sis = ? and reason like '%10 digits%'",
                    sis.sis())).containsEntry("record_key", "user:u-9").containsEntry("school_sourced_id", "org-1")
                    .hasEntrySatisfying("payload_excerpt", excerpt -> assertThat((String) excerpt).contains("12345"));
            assertThat(roster.count("select count(*) from roster_user where sis = ? and sourced_id = 'u-9'"))
                    .as("a rejected record changes nothing").isZero();
        }

        @Test
        void aRecordWhoseContentTypeIsNotJsonIsRejectedWithItsReason() {
            Roster roster = new Roster();
            sis.send(UUID.randomUUID().toString(), "oneroster.org", "org:org-1", roster.org().bytes(),
                    "text/csv".getBytes(StandardCharsets.UTF_8));
            sis.send(UUID.randomUUID().toString(), "oneroster.org", "org:org-1", roster.org().bytes(), new byte[] {(byte) 0xff, 0x01});
            sis.send(roster.year());

            await().until(() -> roster.count("select count(*) from academic_session where sis = ?") == 1);
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 2);
            assertThat(jdbc.queryForList("select reason from rejected_record where sis = ? order by id", String.class, sis.sis()))
                    .anySatisfy(reason -> assertThat(reason).contains("'text/csv' is not application/json"))
                    .anySatisfy(reason -> assertThat(reason).contains("is not a media type"));
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readUntil(brokers, deadLetters(),
                    r -> sis.sis().equals(KafkaTopics.header(r, "ce_source")), records -> records.size() >= 2);
            assertThat(dead).extracting(r -> KafkaTopics.header(r, "x-exception-message"))
                    .anySatisfy(reason -> assertThat(reason).contains("text/csv"));
            assertThat(roster.count("select count(*) from org where sis = ?")).isZero();
        }

        @Test
        void aRecordTheDatabaseCannotStoreIsParkedWithItsReasonAndTheRecordsAroundItAreApplied() {
            Roster roster = new Roster();
            List<OneRosterRecords.Builder> records = new java.util.ArrayList<>(roster.all());
            // Valid OneRoster, but PostgreSQL text cannot hold a NUL character: the batch fails as a whole
            // and is applied again record by record, which isolates this one.
            records.add(4, student("u-7", "7" + roster.stn.substring(1), "org-1").with("givenName", "Nul\u0000Char"));
            sis.send(records.toArray(OneRosterRecords.Builder[]::new));

            await().until(roster::isStored);
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 1);
            assertThat(jdbc.queryForMap("select record_key, reason from rejected_record where sis = ?", sis.sis()))
                    .containsEntry("record_key", "user:u-7")
                    .hasEntrySatisfying("reason", reason -> assertThat((String) reason).startsWith("Could not be processed"));
            List<ConsumerRecord<byte[], byte[]>> dead = KafkaTopics.readUntil(brokers, deadLetters(),
                    r -> sis.sis().equals(KafkaTopics.header(r, "ce_source")), records2 -> !records2.isEmpty());
            assertThat(dead).singleElement().satisfies(r -> {
                assertThat(KafkaTopics.key(r)).isEqualTo("user:u-7");
                assertThat(KafkaTopics.header(r, "x-exception-message")).startsWith("Could not be processed");
            });
            assertThat(roster.count("select count(*) from roster_user where sis = ? and sourced_id = 'u-7'")).isZero();
            assertThat(roster.settledEvents(1)).extracting(RosterServiceIntegrationTests::change).containsExactly("added");
        }

        @Test
        void aRecordWithoutAnEventIdIsRejected() {
            Roster roster = new Roster();
            sis.send(null, "oneroster.org", "org:org-1", roster.org().bytes());
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 1);
            assertThat(jdbc.queryForObject("select reason from rejected_record where sis = ?", String.class, sis.sis()))
                    .contains("ce_id");
            assertThat(roster.count("select count(*) from org where sis = ?")).isZero();
        }
    }

    String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    JsonNode getJson(String path, String token, int expectedStatus) throws Exception {
        java.net.http.HttpResponse<String> response = get(path, token);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(expectedStatus);
        return json.readTree(response.body());
    }

    @Nested
    class Queries {

        final String prefix = "Zq" + randomLetters(5);

        @Test
        void theOrganizationPickerFindsSchoolsByNamePrefixOrPidWithinTheCallersScope() throws Exception {
            Roster a = new Roster();
            Roster b = new Roster();
            sis.send(school("org-a", a.pid, prefix + " Sample High"), school("org-b", b.pid, prefix.toUpperCase() + " Samuel Tech"),
                    school("org-c", "7" + a.pid, "Elsewhere " + prefix));
            await().until(() -> a.count("select count(*) from org where sis = ?") == 3);

            JsonNode all = getJson("/api/roster/organizations?q=" + prefix.toLowerCase(), tokens.stateAdmin(), 200);
            assertThat(all.findValuesAsString("pid")).containsExactly(a.pid, b.pid);
            assertThat(all.get(0).path("name").asString()).isEqualTo(prefix + " Sample High");

            JsonNode mine = getJson("/api/roster/organizations?q=" + prefix, tokens.teacher("700001", a.pid), 200);
            assertThat(mine.findValuesAsString("pid")).containsExactly(a.pid);

            JsonNode byPid = getJson("/api/roster/organizations?q=" + a.pid, tokens.schoolAdmin(a.pid), 200);
            assertThat(byPid.findValuesAsString("pid")).contains(a.pid).doesNotContain("7" + a.pid);

            assertThat(getJson("/api/roster/organizations?q=" + prefix, tokens.teacher("700002", "1"), 200)).isEmpty();
            JsonNode problem = getJson("/api/roster/organizations?q=", tokens.stateAdmin(), 422);
            assertThat(problem.path("type").asString()).isEqualTo("urn:ctims:problem:invalid-input");
            assertThat(get("/api/roster/organizations?q=" + prefix, null).statusCode()).isEqualTo(401);
        }

        @Test
        void rejectedRecordsAreVisibleToTheirSchoolAndStateStaffOnly() throws Exception {
            Roster roster = new Roster();
            sis.send(roster.org());
            await().until(() -> roster.count("select count(*) from org where sis = ?") == 1);
            sis.send(student("u-9", "12345", "org-1"));
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 1);

            JsonNode own = getJson("/api/roster/rejections?school=" + roster.pid, tokens.schoolAdmin(roster.pid), 200);
            assertThat(own).hasSize(1);
            assertThat(own.get(0).path("reason").asString()).contains("exactly 10 digits");
            assertThat(own.get(0).path("recordKey").asString()).isEqualTo("user:u-9");
            assertThat(own.get(0).path("sis").asString()).isEqualTo(sis.sis());

            JsonNode state = getJson("/api/roster/rejections?sis=" + encode(sis.sis()), tokens.stateAdmin(), 200);
            assertThat(state).hasSize(1);

            assertThat(getJson("/api/roster/rejections?school=" + roster.pid, tokens.schoolAdmin("1"), 403)
                    .path("type").asString()).isEqualTo("urn:ctims:problem:organization-not-in-scope");
            assertThat(getJson("/api/roster/rejections?sis=" + encode(sis.sis()), tokens.schoolAdmin("1"), 200)).isEmpty();
            assertThat(get("/api/roster/rejections", tokens.teacher("700001", roster.pid)).statusCode()).isEqualTo(403);
        }

        @Test
        void aRejectionArrivingBeforeItsSchoolIsShownToTheSchoolOnceTheSchoolIsKnown() throws Exception {
            Roster roster = new Roster();
            sis.send(student("u-9", "12345", "org-1"));
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 1);
            assertThat(getJson("/api/roster/rejections?school=" + roster.pid, tokens.schoolAdmin(roster.pid), 200)).isEmpty();

            sis.send(roster.org());
            await().until(() -> roster.count("select count(*) from org where sis = ?") == 1);
            assertThat(getJson("/api/roster/rejections?school=" + roster.pid, tokens.schoolAdmin(roster.pid), 200)
                    .findValuesAsString("recordKey")).containsExactly("user:u-9");
        }

        @Test
        void enrollmentsWaitingTooLongAreReportedWithWhatTheyWaitFor() throws Exception {
            Roster roster = new Roster();
            sis.send(roster.org(), roster.year(), roster.clazz(), roster.teacherUser(), roster.teaching(), roster.studentEnrollment());
            await().until(() -> roster.count("select count(*) from pending_enrollment where sis = ?") == 1);

            JsonNode unresolved = getJson("/api/roster/unresolved?sis=" + encode(sis.sis()), tokens.stateAdmin(), 200);
            assertThat(unresolved).hasSize(1);
            assertThat(unresolved.get(0).path("enrollmentSourcedId").asString()).isEqualTo("e-u1");
            assertThat(unresolved.get(0).path("schoolPid").asString()).isEqualTo(roster.pid);
            assertThat(unresolved.get(0).path("waitingFor").asString()).isEqualTo("user u-1");
            assertThat(getJson("/api/roster/unresolved?school=" + roster.pid, tokens.schoolAdmin(roster.pid), 200)).hasSize(1);
        }

        @Test
        void studentsOfAnOrganizationAndYearAreListedTeachersSeeOnlyTheirOwn() throws Exception {
            Roster roster = new Roster();
            roster.sendAll();
            sis.send(teacher("t-2", "800" + roster.staffId, "org-1").with("givenName", "Bob"), cteClass("c-2", "org-1", "sy-2019", "Health Science"),
                    enrollment("e-t2", "t-2", "c-2", "org-1", "teacher"),
                    student("u-2", "9" + roster.stn.substring(1), "org-1").with("familyName", "Adler"),
                    enrollment("e-u2", "u-2", "c-2", "org-1", "student"));
            await().until(() -> roster.count("select count(*) from enrollment where sis = ?") == 2);
            String path = "/api/roster/organizations/" + roster.pid + "/enrollments?schoolYear=2018-2019";

            JsonNode all = getJson(path, tokens.schoolAdmin(roster.pid), 200);
            assertThat(all.findValuesAsString("familyName")).containsExactly("Adler", "Rivera");
            JsonNode ownStudents = getJson(path, tokens.teacher(roster.staffId, roster.pid), 200);
            assertThat(ownStudents.findValuesAsString("stn")).containsExactly(roster.stn);
            assertThat(ownStudents.get(0).path("division").asString()).isEqualTo("Business and Marketing");
            assertThat(getJson(path + "&teacher=800" + roster.staffId, tokens.teacher(roster.staffId, roster.pid), 200)).isEmpty();
            assertThat(getJson(path + "&teacher=800" + roster.staffId, tokens.stateAdmin(), 200).findValuesAsString("familyName"))
                    .containsExactly("Adler");
            assertThat(get(path, tokens.teacher(roster.staffId, "1")).statusCode()).isEqualTo(403);
            assertThat(getJson("/api/roster/organizations/" + roster.pid + "/enrollments?schoolYear=2019", tokens.stateAdmin(), 422)
                    .path("errors").get(0).path("field").asString()).isEqualTo("schoolYear");

            // docs/SECURITY.md "Audit log": one entry per list that returned students, none for refused ones
            JsonNode audit = getJson("/api/roster/audit?org=" + roster.pid + "&action=roster.enrollments.list", tokens.stateAdmin(), 200)
                    .path("entries");
            assertThat(audit.findValuesAsString("username")).containsExactly("state", "teacher-" + roster.staffId, "admin");
            assertThat(audit.get(2).path("stns").toString()).contains(roster.stn, "9" + roster.stn.substring(1));
            assertThat(audit.get(2).path("resultCount").asInt()).isEqualTo(2);
            assertThat(audit.get(2).path("schoolYear").asString()).isEqualTo("2018-2019");
            assertThat(audit.get(1).path("details").path("teacher").asString()).isEqualTo(roster.staffId);
            assertThat(audit.get(0).path("details").path("teacher").asString()).isEqualTo("800" + roster.staffId);
            assertThat(getJson("/api/roster/audit/verification", tokens.stateAdmin(), 200).path("valid").asBoolean()).isTrue();
        }
    }

    java.net.http.HttpResponse<String> upload(byte[] zip, String token) throws Exception {
        return upload(zip, token, "");
    }

    java.net.http.HttpResponse<String> upload(byte[] zip, String token, String query) throws Exception {
        String boundary = "----ctims" + UUID.randomUUID();
        ByteArrayOutputStreamWithText body = new ByteArrayOutputStreamWithText();
        body.text("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"roster.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n");
        body.write(zip);
        body.text("\r\n--" + boundary + "--\r\n");
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/roster/imports" + query))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static final class ByteArrayOutputStreamWithText extends java.io.ByteArrayOutputStream {
        void text(String text) {
            writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class Imports {

        OneRosterCsvZip completeRoster(Roster roster) {
            return new OneRosterCsvZip().org("org-1", roster.pid, "Upload High " + roster.pid).schoolYear("sy-2019", 2019)
                    .teacher("t-1", roster.staffId, "org-1").student("u-1", roster.stn, "org-1", "Jamie", "Rivera, Jr.")
                    .cteClass("c-1", "org-1", "sy-2019", "Business and Marketing")
                    .enrollment("e-t1", "t-1", "c-1", "org-1", "teacher").enrollment("e-u1", "u-1", "c-1", "org-1", "student")
                    .demographic("u-1", "2001-02-03", "male");
        }

        @Autowired
        HeavyRequests heavy;

        @Test
        void aSecondUploadOfTheSameCallerWhileTheFirstIsReadIs429AndChangesNothing() throws Exception {
            Roster roster = new Roster();
            String client = "sis-busy-" + roster.pid;
            CurrentUser uploader = new CurrentUser(UUID.nameUUIDFromBytes(client.getBytes(StandardCharsets.UTF_8)).toString(),
                    client, client, Set.of(Role.SIS_INTEGRATION), Set.of(), null);
            try (HeavyRequests.Permit first = heavy.enter(new HeavyRequests.Kind("roster-uploads", "roster upload"), uploader)) {
                java.net.http.HttpResponse<String> again = upload(completeRoster(roster).bytes(), tokens.client(client, "sis-integration"));
                assertThat(again.statusCode()).as(again.body()).isEqualTo(429);
                assertThat(again.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(json.readTree(again.body()).path("type").asString()).isEqualTo("urn:ctims:problem:one-at-a-time");
                assertThat(jdbc.queryForObject("select count(*) from roster_user where sis = ?", Long.class, "upload:" + client))
                        .isZero();
            }
            java.net.http.HttpResponse<String> later = upload(completeRoster(roster).bytes(), tokens.client(client, "sis-integration"));
            assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
            assertThat(jdbc.queryForObject("select count(*) from roster_user where sis = ?", Long.class, "upload:" + client))
                    .isEqualTo(2);
        }

        @Test
        void anSisClientUploadsAZipAndItsEnrollmentIsStoredAndPublishedByTheSameRules() throws Exception {
            Roster roster = new Roster();
            java.net.http.HttpResponse<String> response = upload(completeRoster(roster).bytes(), tokens.client("sis-x-" + roster.pid, "sis-integration"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode report = json.readTree(response.body());
            assertThat(report.path("rejections")).isEmpty();
            assertThat(report.path("files").path("users.csv").path("applied").asInt()).isEqualTo(2);
            assertThat(report.path("files").path("enrollments.csv").path("rows").asInt()).isEqualTo(2);
            String uploadSis = report.path("sis").asString();
            assertThat(uploadSis).isEqualTo("upload:sis-x-" + roster.pid);
            Map<String, Object> stored = jdbc.queryForMap("select * from enrollment where sis = ? and sourced_id = 'e-u1'", uploadSis);
            assertThat(stored).containsEntry("stn", roster.stn).containsEntry("family_name", "Rivera, Jr.")
                    .containsEntry("organization_pid", roster.pid).containsEntry("teacher_staff_id", roster.staffId)
                    .containsEntry("division", "Business and Marketing").containsEntry("school_year", "2018-2019")
                    .containsEntry("gender", "male").containsEntry("grade", 12);
            List<ConsumerRecord<byte[], byte[]>> events = roster.events(1);
            assertThat(change(events.get(0))).isEqualTo("added");

            JsonNode again = json.readTree(upload(completeRoster(roster).bytes(), tokens.client("sis-x-" + roster.pid, "sis-integration")).body());
            assertThat(again.path("files").path("users.csv").path("applied").asInt())
                    .as("a bulk re-upload is dated now, so it is newer, but it changes no published fact").isEqualTo(2);
            assertThat(roster.settledEvents(1)).hasSize(1);
        }

        @Test
        void aBulkFileRemovesTheRecordsItNoLongerListsWhileADeltaFileRemovesNothing() throws Exception {
            Roster roster = new Roster();
            String secondStn = (roster.stn.startsWith("8") ? "7" : "8") + roster.stn.substring(1);
            String client = tokens.client("sis-b-" + roster.pid, "sis-integration");
            JsonNode first = json.readTree(upload(completeRoster(roster).student("u-2", secondStn, "org-1", "Sam", "Second")
                    .enrollment("e-u2", "u-2", "c-1", "org-1", "student").bytes(), client).body());
            String uploadSis = first.path("sis").asString();
            String enrollmentCount = "select count(*) from enrollment where sis = ?";
            assertThat(jdbc.queryForObject(enrollmentCount, Integer.class, uploadSis)).isEqualTo(2);

            JsonNode delta = json.readTree(upload(completeRoster(roster).delta().bytes(), client).body());
            assertThat(delta.path("files").path("users.csv").path("removed").asInt()).isZero();
            assertThat(jdbc.queryForObject(enrollmentCount, Integer.class, uploadSis)).as("a delta file lists changes only").isEqualTo(2);

            JsonNode bulk = json.readTree(upload(completeRoster(roster).bytes(), client).body());
            assertThat(bulk.path("files").path("users.csv").path("removed").asInt()).isEqualTo(1);
            assertThat(bulk.path("files").path("enrollments.csv").path("removed").asInt()).isEqualTo(1);
            assertThat(bulk.path("files").path("orgs.csv").path("removed").asInt()).isZero();
            assertThat(jdbc.queryForList("select sourced_id from enrollment where sis = ?", String.class, uploadSis)).containsExactly("e-u1");
            assertThat(jdbc.queryForObject("select status from roster_user where sis = ? and sourced_id = 'u-2'", String.class, uploadSis))
                    .isEqualTo("tobedeleted");
            List<ConsumerRecord<byte[], byte[]>> secondStudent = KafkaTopics.readUntil(brokers, enrollments,
                    r -> secondStn.equals(KafkaTopics.key(r)), records -> records.size() >= 2);
            assertThat(secondStudent).extracting(RosterServiceIntegrationTests::change).containsExactly("added", "removed");

            JsonNode again = json.readTree(upload(completeRoster(roster).bytes(), client).body());
            assertThat(again.path("files").path("users.csv").path("removed").asInt()).as("already removed").isZero();
        }

        @Test
        void invalidRowsAreReportedWithFileLineAndReasonAndTheOthersAreApplied() throws Exception {
            Roster roster = new Roster();
            OneRosterCsvZip zip = completeRoster(roster).student("u-2", "12345", "org-1", "Bad", "Stn")
                    .demographic("u-1", "2001-02-30", "male");
            JsonNode report = json.readTree(upload(zip.bytes(), tokens.client("sis-y-" + roster.pid, "sis-integration")).body());

            assertThat(report.path("rejections")).hasSize(2);
            JsonNode badStn = report.path("rejections").get(0);
            assertThat(badStn.path("file").asString()).isEqualTo("users.csv");
            assertThat(badStn.path("line").asInt()).isEqualTo(4);
            assertThat(badStn.path("sourcedId").asString()).isEqualTo("u-2");
            assertThat(badStn.path("reason").asString()).contains("exactly 10 digits");
            assertThat(report.path("rejections").get(1).path("reason").asString()).contains("2001-02-30");
            assertThat(report.path("files").path("users.csv").path("rejected").asInt()).isEqualTo(1);
            String uploadSis = report.path("sis").asString();
            assertThat(jdbc.queryForObject("select count(*) from enrollment where sis = ?", Integer.class, uploadSis)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from rejected_record where sis = ?", Integer.class, uploadSis)).isEqualTo(2);
        }

        @Test
        void aSchoolAdministratorsRowsOfAnotherSchoolAreRejected() throws Exception {
            Roster roster = new Roster();
            Roster other = new Roster();
            OneRosterCsvZip zip = completeRoster(roster).org("org-2", other.pid, "Not Mine High")
                    .cteClass("c-2", "org-2", "sy-2019", "Health Science");
            JsonNode report = json.readTree(upload(zip.bytes(), tokens.schoolAdmin(roster.pid)).body());

            assertThat(report.path("sis").asString()).isEqualTo("upload:schools:" + roster.pid);
            assertThat(report.path("rejections").findValuesAsString("sourcedId")).containsExactlyInAnyOrder("org-2", "c-2");
            assertThat(report.path("rejections").get(0).path("reason").asString()).contains("not one of your organizations");
            assertThat(jdbc.queryForObject("select count(*) from org where sis = ?", Integer.class, report.path("sis").asString()))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from enrollment where sis = ?", Integer.class, report.path("sis").asString()))
                    .isEqualTo(1);
        }

        @Test
        void aFileThatIsNotAOneRosterZipIsRefusedAndNothingIsImported() throws Exception {
            java.net.http.HttpResponse<String> notZip = upload("sourcedId,name\r\n".getBytes(StandardCharsets.UTF_8),
                    tokens.client("sis-z", "sis-integration"));
            assertThat(notZip.statusCode()).isEqualTo(422);
            JsonNode problem = json.readTree(notZip.body());
            assertThat(problem.path("type").asString()).isEqualTo("urn:ctims:problem:invalid-input");
            assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("file");

            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
                zip.putNextEntry(new java.util.zip.ZipEntry("orgs.csv"));
                zip.write("sourcedId\r\n".getBytes(StandardCharsets.UTF_8));
            }
            java.net.http.HttpResponse<String> missingManifest = upload(out.toByteArray(), tokens.client("sis-z", "sis-integration"));
            assertThat(missingManifest.statusCode()).isEqualTo(422);
            assertThat(missingManifest.body()).contains("manifest.csv");
            assertThat(jdbc.queryForObject("select count(*) from org where sis = 'upload:sis-z'", Integer.class)).isZero();
        }

        @Test
        void aHundredMegabyteUploadIsRefusedWithoutBeingImported() throws Exception {
            long size = 100L * 1024 * 1024;
            String boundary = "----ctims-large";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.zip\"\r\n"
                    + "Content-Type: application/zip\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            // A raw socket: the server answers as soon as it sees the declared length, long before
            // 100 MB could be sent, and then closes the connection, which HttpClient reports as an error.
            String response;
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST /api/roster/imports HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Authorization: Bearer " + tokens.client("sis-big", "sis-integration") + "\r\n"
                        + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                        + "Content-Length: " + (head.length + size) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(head);
                try {
                    out.write(new byte[256 * 1024]);
                    out.flush();
                } catch (java.io.IOException closedEarly) {
                    // the server may already have answered and closed
                }
                java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                try {
                    java.io.InputStream in = socket.getInputStream();
                    int n;
                    while (!received.toString(StandardCharsets.UTF_8).contains("\r\n0\r\n\r\n") && (n = in.read(buffer)) > 0) {
                        received.write(buffer, 0, n);
                    }
                } catch (java.io.IOException reset) {
                    // a reset after the answer: what was received so far is enough
                }
                response = received.toString(StandardCharsets.UTF_8);
            }

            assertThat(response).startsWith("HTTP/1.1 413").contains("Content-Type: application/problem+json")
                    .contains("urn:ctims:problem:payload-too-large");
            assertThat(jdbc.queryForObject("select count(*) from org where sis = 'upload:sis-big'", Integer.class)).isZero();
        }

        @Test
        void stateStaffUploadAFileOfANamedSisOntoThatSissOwnRecords() throws Exception {
            Roster roster = new Roster();
            Roster other = new Roster();
            String sis = "upload:sis-s-" + roster.pid;
            // the SIS's records are here already (from its client); state staff bring a file exported from it
            assertThat(upload(completeRoster(roster).bytes(), tokens.client("sis-s-" + roster.pid, "sis-integration")).statusCode())
                    .isEqualTo(200);
            OneRosterCsvZip zip = completeRoster(roster).org("org-2", other.pid, "Second High " + other.pid)
                    .cteClass("c-2", "org-2", "sy-2019", "Health Science");

            java.net.http.HttpResponse<String> response = upload(zip.bytes(), tokens.stateAdmin(), "?sis=" + encode(sis));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode report = json.readTree(response.body());
            assertThat(report.path("sis").asString()).isEqualTo(sis);
            assertThat(report.path("rejections")).as("state staff act for every school").isEmpty();
            assertThat(jdbc.queryForObject("select count(*) from org where sis = ?", Integer.class, sis)).isEqualTo(2);
            assertThat(jdbc.queryForObject("select count(*) from enrollment where sis = ? and sourced_id = 'e-u1'", Integer.class, sis))
                    .as("the SIS's own record, not a copy").isEqualTo(1);
        }

        @Test
        void stateStaffMustNameAnSisTheRosterKnowsAndNobodyElseMayNameOne() throws Exception {
            Roster roster = new Roster();
            byte[] zip = completeRoster(roster).bytes();
            String unknown = "no-such-sis-" + roster.pid;

            for (java.net.http.HttpResponse<String> refused : List.of(upload(zip, tokens.stateAdmin()),
                    upload(zip, tokens.stateAdmin(), "?sis=" + encode(unknown)),
                    upload(zip, tokens.schoolAdmin(roster.pid), "?sis=" + encode("upload:schools:" + roster.pid)),
                    upload(zip, tokens.client("sis-n-" + roster.pid, "sis-integration"), "?sis=" + encode(unknown)))) {
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
                assertThat(json.readTree(refused.body()).path("errors").get(0).path("field").asString()).isEqualTo("sis");
            }
            assertThat(jdbc.queryForObject("select count(*) from org where sis in (?, ?, ?)", Integer.class, unknown,
                    "upload:schools:" + roster.pid, "upload:sis-n-" + roster.pid)).as("nothing imported").isZero();
        }

        @Test
        void onlySisClientsSchoolAdministratorsAndStateStaffMayUpload() throws Exception {
            assertThat(upload(new OneRosterCsvZip().bytes(), tokens.teacher("700001", "10001")).statusCode()).isEqualTo(403);
        }
    }

    /** Every endpoint, every caller: {@code src/test/resources/authorization-matrix.md}. */
    /**
     * What the service logs while it applies a roster, rejects records (a short STN, a birth date in
     * the future, an impossible one) and publishes the enrollment names no student: no STN, e-mail,
     * name or birth date in any log line, from any thread.
     */
    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class PersonalDataInLogs {

        @Test
        void rejectedRecordsAreLoggedWithoutTheStudentsData(CapturedOutput output) {
            Roster roster = new Roster();
            String shortStn = String.valueOf(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
            List<OneRosterRecords.Builder> records = new java.util.ArrayList<>(List.of(roster.org(), roster.year(),
                    roster.teacherUser(),
                    student("u-1", roster.stn, "org-1").with("givenName", "Marisabel").with("familyName", "Oyelaran")
                            .with("email", "marisabel.oyelaran@students.example.org").grades("12"),
                    student("u-5", shortStn, "org-1").with("givenName", "Quentavious").with("familyName", "Brightwater")
                            .with("email", "q.brightwater@students.example.org"),
                    demographic("u-1", "2099-05-06", "female"),
                    demographic("u-6", "2002-02-30", "male")));
            records.addAll(List.of(demographic("u-1", "2001-04-17", "female"),
                    roster.clazz(), roster.teaching(), roster.studentEnrollment()));
            sis.send(records.toArray(OneRosterRecords.Builder[]::new));

            await().until(roster::isStored);
            await().until(() -> roster.count("select count(*) from rejected_record where sis = ?") == 3);
            await().until(() -> jdbc.queryForObject("select count(*) from outbox where event_key = ?", Integer.class, roster.stn) == 0);

            String logged = output.getAll();
            assertThat(logged).as("the service logged the rejections at all").contains("Rejected OneRoster record");
            for (String personal : List.of(roster.stn, shortStn, "Marisabel", "Oyelaran", "Quentavious",
                    "Brightwater", "students.example.org", "2099-05-06", "2002-02-30", "2001-04-17")) {
                assertThat(logged).as("log output").doesNotContain(personal);
            }
        }

        @Test
        void databaseErrorsDoNotRepeatTheRowsValues() {
            // what PostgreSQL puts in an error's DETAIL (a duplicate key, a failing row) stays out of the message
            assertThatThrownBy(() -> jdbc.execute("do $$ begin raise exception 'refused' using detail = "
                    + "'Key (stn)=(1234567890) already exists.'; end $$"))
                    .hasMessageContaining("refused")
                    .satisfies(e -> assertThat(e).hasStackTraceContaining("refused").rootCause()
                            .message().doesNotContain("1234567890"));
        }
    }

    /** The authorization matrix's fixture: a stored roster of one school. */
    private AuthorizationMatrix.Fixture requests() {
        Roster roster = new Roster();
        roster.sendAll();
        await().until(roster::isStored);
        String otherSchool = String.valueOf(Integer.parseInt(roster.pid) + 1);
        return new AuthorizationMatrix.Fixture(roster.pid, roster.staffId, otherSchool, "700002",
                Map.of("school", roster.pid, "year", "2018-2019"),
                Map.of("not-a-zip", AuthorizationMatrix.Body.multipart("file", "roster.zip", "not a zip".getBytes(StandardCharsets.UTF_8))),
                "select sis, (select count(*) from org o where o.sis = r.sis) orgs, count(*) rejected"
                        + " from rejected_record r where sis like 'upload:%' group by sis order by sis");
    }

    @Nested
    class EveryEndpointEveryCaller extends AuthorizationMatrix {

        @Override
        protected Fixture fixture() {
            return requests();
        }
    }

    /**
     * docs/SECURITY.md "Hostile input". {@code q} is a search; {@code teacher} and {@code sis} are
     * filters on identifiers that are the SIS's own text (a staff id, the feed's source), so any
     * text is a valid filter that may match nothing; so are the audit log's {@code org} and
     * {@code user} filters (state staff may look for any).
     */
    @Nested
    class HostileInputToEveryEndpoint extends HostileInput {

        @Override
        protected Fixture fixture() {
            AuthorizationMatrix.Fixture requests = requests();
            return new Fixture(requests, Map.of(requests.school(), requests.otherSchool()), Map.of(),
                    Set.of("q", "teacher", "sis", "GET /api/roster/audit org", "GET /api/roster/audit user"), Map.of());
        }
    }
}
