package org.ctims.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 7: poison records planted in front of a school's roster, on the partitions its records and
 * enrollment events then use: on {@code sis.oneroster.v1} bad JSON, an unknown record type and a giant
 * (900 KB) record; on {@code roster.enrollments.v1} an unknown schema version and bad JSON, keyed by the
 * school's students. Each must be parked on its consumer's dead-letter topic with its reason, and the
 * records behind them processed.
 */
@ExtendWith(FaultStack.class)
class PoisonRecordsIT {

    static final int STUDENTS = 10;
    static final int GIANT_CHARACTERS = 900_000;
    static final String INBOUND = "sis.oneroster.v1";
    static final String ENROLLMENTS = "roster.enrollments.v1";

    record Planted(String topic, String key, String id, String kind) {
    }

    @Test
    void poisonRecordsAreParkedWithTheirReasonAndTheRecordsBehindThemAreProcessed(Faults faults) throws Exception {
        FaultReport report = new FaultReport(7, "Poison records (bad JSON, unknown type, unknown schema version, giant payload)");
        SchoolRoster school = new SchoolRoster("faults-sis-7", "30007", "900007", "307", STUDENTS);
        List<Planted> planted = new ArrayList<>();
        String now = Instant.now().toString();
        String giantStudent = "{\"sourcedId\":\"u-giant\",\"status\":\"active\",\"dateLastModified\":\"" + now + "\","
                + "\"enabledUser\":true,\"givenName\":\"" + "G".repeat(GIANT_CHARACTERS) + "\",\"familyName\":\"Giant\","
                + "\"userIds\":[{\"type\":\"STN\",\"identifier\":\"" + school.stn(STUDENTS) + "\"}],"
                + "\"roles\":[{\"roleType\":\"primary\",\"role\":\"student\",\"org\":{\"sourcedId\":\"org-" + school.pid
                + "\",\"type\":\"org\"}}],\"grades\":[\"12\"]}";
        String enrollmentV2 = "{\"enrollmentId\":\"" + UUID.randomUUID() + "\",\"change\":\"added\",\"schoolYear\":\"2018-2019\","
                + "\"student\":{\"stn\":\"" + school.stn(0) + "\"},\"organization\":{\"pid\":\"" + school.pid + "\"},"
                + "\"teacher\":{\"staffId\":\"" + school.staffId + "\"}}";
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, faults.brokers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000), new ByteArraySerializer(), new ByteArraySerializer())) {
            planted.add(send(producer, INBOUND, "user:u-0", "oneroster.user", school.sis, "{\"sourcedId\": \"u-0\", bad json",
                    "bad JSON"));
            planted.add(send(producer, INBOUND, "banana:b-1", "oneroster.banana", school.sis,
                    "{\"sourcedId\":\"b-1\",\"status\":\"active\",\"dateLastModified\":\"" + now + "\"}", "unknown type"));
            planted.add(send(producer, INBOUND, "user:u-giant", "oneroster.user", school.sis, giantStudent,
                    "giant payload (" + giantStudent.length() / 1000 + " KB)"));
            planted.add(send(producer, ENROLLMENTS, school.stn(0), "ctims.roster.enrollment-recorded.v2", "/ctims/roster-service",
                    enrollmentV2, "unknown schema version (enrollment-recorded.v2)"));
            planted.add(send(producer, ENROLLMENTS, school.stn(1), "ctims.roster.enrollment-recorded.v1", "/ctims/roster-service",
                    "{\"enrollmentId\": oops", "bad JSON"));
        }
        int records = school.send(faults.brokers());

        Faults.await("the school's roster is processed behind the poison records", Duration.ofMinutes(3), () ->
                faults.count("select count(*) from roster.enrollment where sis = ?", school.sis) == STUDENTS
                        && faults.count("select count(*) from followup.report where organization_pid = ?", school.pid) == STUDENTS
                        && faults.count("select count(*) from report.enrollment where organization_pid = ?", school.pid) == STUDENTS);
        Map<String, Set<String>> expected = Map.of(
                "error.sis.oneroster.v1.roster", ids(planted, INBOUND),
                "error.roster.enrollments.v1.followup", ids(planted, ENROLLMENTS),
                "error.roster.enrollments.v1.report", ids(planted, ENROLLMENTS));
        Set<String> plantedIds = new HashSet<>();
        planted.forEach(p -> plantedIds.add(p.id()));
        // the dead letters are published after the records behind them were applied: wait for them too (bounded)
        Faults.await("every planted record is on its dead-letter topic", Duration.ofMinutes(2), () -> expected.entrySet().stream()
                .allMatch(e -> parked(faults, e.getKey(), plantedIds).size() >= e.getValue().size()));

        report.fact("Planted before a " + STUDENTS + "-student roster (" + records + " records) of the same SIS: "
                + String.join("; ", planted.stream().map(p -> p.topic() + " " + p.kind() + " (key " + p.key() + ")").toList()));
        for (Map.Entry<String, Set<String>> e : new java.util.TreeMap<>(expected).entrySet()) {
            List<TopicRecords.Rec> letters = parked(faults, e.getKey(), plantedIds);
            Set<String> ids = new HashSet<>();
            letters.forEach(l -> ids.add(l.id()));
            long withReason = letters.stream().filter(l -> l.headers().getOrDefault("x-exception-message", "").length() > 0).count();
            report.check(e.getKey() + " holds exactly the planted records", ids.equals(e.getValue()) && letters.size() == ids.size(),
                    letters.size() + " records, " + ids.size() + " of the " + e.getValue().size() + " planted ids");
            report.check(e.getKey() + ": each with its reason (x-exception-message)", letters.size(), withReason, "with a reason");
            letters.forEach(l -> report.fact(e.getKey() + " reason: " + truncate(l.headers().get("x-exception-message"))));
        }
        long othersOnDeadLetters = expected.keySet().stream()
                .mapToLong(topic -> TopicRecords.read(faults.brokers(), topic, (Predicate<TopicRecords.Rec>) r -> true).size()
                        - parked(faults, topic, plantedIds).size()).sum();
        report.check("nothing else on those dead-letter topics", 0, othersOnDeadLetters, "other records");
        report.check("the roster service lists each rejected record with its reason", ids(planted, INBOUND).size(),
                faults.count("select count(*) from roster.rejected_record where sis = ? and length(reason) > 0", school.sis),
                "rejections");
        report.check("nothing of the giant record stored", 0,
                faults.count("select count(*) from roster.roster_user where sis = ? and sourced_id = 'u-giant'", school.sis),
                "rows");
        report.check("the records behind the poison processed: roster, follow-up, report enrollments", 3L * STUDENTS,
                faults.count("select count(*) from roster.enrollment where sis = ?", school.sis)
                        + faults.count("select count(*) from followup.report where organization_pid = ?", school.pid)
                        + faults.count("select count(*) from report.enrollment where organization_pid = ?", school.pid),
                "rows");
        report.writeAndAssert();
    }

    private static List<TopicRecords.Rec> parked(Faults faults, String topic, Set<String> plantedIds) {
        return TopicRecords.read(faults.brokers(), topic, (Predicate<TopicRecords.Rec>) r -> plantedIds.contains(r.id()));
    }

    private static Set<String> ids(List<Planted> planted, String topic) {
        Set<String> ids = new HashSet<>();
        planted.stream().filter(p -> p.topic().equals(topic)).forEach(p -> ids.add(p.id()));
        return ids;
    }

    private static Planted send(KafkaProducer<byte[], byte[]> producer, String topic, String key, String type, String source,
                                String payload, String kind) throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key), bytes(payload));
        record.headers().add("ce_id", bytes(id)).add("ce_specversion", bytes("1.0")).add("ce_type", bytes(type))
                .add("ce_source", bytes(source)).add("ce_time", bytes(Instant.now().toString()))
                .add("content-type", bytes("application/json"));
        producer.send(record).get(30, TimeUnit.SECONDS);
        return new Planted(topic, key, id, kind);
    }

    /** The reason without the binder's "error occurred in message handler [...]; " prefix, at most 160 characters. */
    private static String truncate(String text) {
        if (text == null) {
            return "(none)";
        }
        String reason = text.contains("]; ") ? text.substring(text.lastIndexOf("]; ") + 3) : text;
        return reason.length() > 160 ? reason.substring(0, 160) + "…" : reason;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
