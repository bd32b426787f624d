package org.ctims.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The checks every fault test makes on a school's follow-up reports once the fault is over: the
 * saves committed in the follow-up service (source) against their events on
 * {@code followup.reports.v1} and the report service's read model (downstream).
 */
final class ReportsDownstream {

    static final String TOPIC = "followup.reports.v1";
    static final String SAVED = "ctims.followup.report-saved.v1";
    static final String DEAD_LETTERS = "error.followup.reports.v1.report";

    private ReportsDownstream() {
    }

    /** Waits until the follow-up outbox is empty and the read model holds every report's version (bounded). */
    static void awaitDrained(Faults faults, SchoolRoster school, Duration timeout) {
        Faults.await("the follow-up service's outbox is empty", timeout,
                () -> faults.count("select count(*) from followup.outbox") == 0);
        Faults.await("the report service's read model holds every saved version of school " + school.pid, timeout,
                () -> faults.count("""
                        select count(*) from followup.report f
                        left join report.report_state r on r.report_id = f.id
                        where f.organization_pid = ? and f.version > 0 and (r.version is null or r.version <> f.version)""",
                        school.pid) == 0);
    }

    /** Adds the checks to {@code report}; {@code acks} are the saves that were answered 200. */
    static void check(FaultReport report, Faults faults, SchoolRoster school, List<Savers.Ack> acks) {
        Map<String, Integer> source = new HashMap<>();
        for (List<Object> row : faults.rows("select id::text, version from followup.report where organization_pid = ?",
                school.pid)) {
            source.put((String) row.get(0), ((Number) row.get(1)).intValue());
        }
        long committed = source.values().stream().mapToLong(Integer::longValue).sum();
        long history = faults.count("""
                select count(distinct (h.report_id, h.version)) from followup.report_history h
                join followup.report r on r.id = h.report_id where r.organization_pid = ?""", school.pid);

        List<TopicRecords.Rec> records = TopicRecords.read(faults.brokers(), TOPIC, school.stns());
        Map<String, TopicRecords.Rec> firstById = new LinkedHashMap<>();
        records.forEach(r -> firstById.putIfAbsent(r.id(), r));
        Map<String, Set<Integer>> versionsByReport = new HashMap<>();
        int sameVersionTwice = 0;
        int outOfOrder = 0;
        Map<String, Integer> lastVersionByKey = new HashMap<>();
        List<TopicRecords.Rec> inOrder = new ArrayList<>(firstById.values());
        inOrder.sort(java.util.Comparator.comparingInt(TopicRecords.Rec::partition).thenComparingLong(TopicRecords.Rec::offset));
        for (TopicRecords.Rec r : inOrder) {
            if (!SAVED.equals(r.type())) {
                continue;
            }
            JsonNode payload = FollowupApi.JSON.readTree(r.value());
            String id = payload.get("id").asString();
            int version = payload.get("version").asInt();
            if (!versionsByReport.computeIfAbsent(id, k -> new HashSet<>()).add(version)) {
                sameVersionTwice++;
            }
            Integer last = lastVersionByKey.put(r.key(), version);
            if (last != null && last >= version) {
                outOfOrder++;
            }
        }
        long savedEvents = versionsByReport.values().stream().mapToLong(Set::size).sum();
        int missing = 0;
        for (Map.Entry<String, Integer> e : source.entrySet()) {
            Set<Integer> seen = versionsByReport.getOrDefault(e.getKey(), Set.of());
            for (int v = 1; v <= e.getValue(); v++) {
                if (!seen.contains(v)) {
                    missing++;
                }
            }
        }
        long beyondSource = versionsByReport.entrySet().stream()
                .mapToLong(e -> e.getValue().stream().filter(v -> v > source.getOrDefault(e.getKey(), 0)).count()).sum();
        long ackedWithoutEvent = acks.stream()
                .filter(a -> !versionsByReport.getOrDefault(a.reportId(), Set.of()).contains(a.version())).count();
        long ackedBeyondSource = acks.stream().filter(a -> a.version() > source.getOrDefault(a.reportId(), 0)).count();

        long readModelMismatch = faults.count("""
                select count(*) from followup.report f left join report.report_state r on r.report_id = f.id
                where f.organization_pid = ? and f.version > 0 and (r.version is null or r.version <> f.version)""", school.pid);
        List<String> ids = new ArrayList<>(firstById.keySet());
        long applied = faults.count("select count(*) from report.inbox where consumer = 'report.reports' and event_id = any(?)",
                (Object) ids.toArray(String[]::new));
        long deadLetters = TopicRecords.read(faults.brokers(), DEAD_LETTERS, school.stns()).size();

        report.check("every save answered 200 is in the follow-up database", 0, ackedBeyondSource,
                "acknowledged saves missing");
        report.check("every committed save has its history", committed, history, "versions with history");
        report.check("every committed save has exactly one report-saved event (none lost)", 0, missing,
                "committed versions without an event");
        report.check("no event for a save that did not commit", 0, beyondSource, "events beyond the committed version");
        report.check("no save published twice as two events", 0, sameVersionTwice, "versions with two event ids");
        report.check("every save answered 200 is on the topic", 0, ackedWithoutEvent, "acknowledged saves without an event");
        report.check("source rows = events: committed saves vs distinct report-saved events", committed, savedEvents,
                "report-saved events");
        report.check("per-STN order kept (each student's versions increase along the partition)", 0, outOfOrder,
                "events out of order");
        report.check("the read model holds each report's committed version", 0, readModelMismatch, "reports behind or ahead");
        report.check("every event applied exactly once by the report service (inbox rows = distinct events)", ids.size(),
                applied, "inbox rows");
        report.check("no outbox row left behind", 0, faults.count("select count(*) from followup.outbox"), "outbox rows");
        report.check("nothing on the dead-letter topic " + DEAD_LETTERS, 0, deadLetters, "records");
        report.fact("Source: " + source.size() + " reports, " + committed + " committed saves (" + acks.size()
                + " answered 200); downstream: " + records.size() + " records on " + TOPIC + " for these students, "
                + ids.size() + " distinct events (" + (records.size() - ids.size()) + " redelivered copies of an event)");
    }
}
