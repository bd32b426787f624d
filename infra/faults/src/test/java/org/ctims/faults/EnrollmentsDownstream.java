package org.ctims.faults;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks a fault test makes on rosters it sent once the fault is over: every OneRoster record
 * applied once by the roster service (source), and its canonical enrollments published once in effect
 * and applied once by the follow-up and report services (downstream).
 */
final class EnrollmentsDownstream {

    private EnrollmentsDownstream() {
    }

    /** Adds the checks to {@code report}; every roster has {@code students} students. */
    static void check(FaultReport report, Faults faults, List<SchoolRoster> rosters, int students) {
        long expected = (long) rosters.size() * students;
        String[] sis = rosters.stream().map(r -> r.sis).toArray(String[]::new);
        String[] pids = rosters.stream().map(r -> r.pid).toArray(String[]::new);
        Set<String> stns = new HashSet<>();
        rosters.forEach(r -> stns.addAll(r.stns()));
        List<String> sentIds = rosters.stream().flatMap(r -> r.eventIds().stream()).toList();

        report.check("every OneRoster record applied exactly once (roster inbox rows for the records sent)", sentIds.size(),
                faults.count("select count(*) from roster.inbox where consumer = 'roster.oneroster' and event_id = any(?)",
                        (Object) sentIds.toArray(String[]::new)), "inbox rows");
        report.check("roster: canonical enrollments stored", expected,
                faults.count("select count(*) from roster.enrollment where sis = any(?)", (Object) sis), "enrollments");
        report.check("no record rejected", 0,
                faults.count("select count(*) from roster.rejected_record where sis = any(?)", (Object) sis), "rejections");

        List<TopicRecords.Rec> events = TopicRecords.read(faults.brokers(), "roster.enrollments.v1", stns);
        Set<String> eventIds = new HashSet<>();
        Set<String> enrollmentIds = new HashSet<>();
        events.forEach(e -> {
            eventIds.add(e.id());
            enrollmentIds.add(FollowupApi.JSON.readTree(e.value()).get("enrollmentId").asString());
        });
        String[] ids = eventIds.toArray(String[]::new);
        report.check("every enrollment published (distinct enrollments on roster.enrollments.v1)", expected,
                enrollmentIds.size(), "enrollments");
        report.check("follow-up: every enrollment event applied once (inbox rows = distinct events)", eventIds.size(),
                faults.count("select count(*) from followup.inbox where consumer = 'followup.enrollments' and event_id = any(?)",
                        (Object) ids), "inbox rows");
        report.check("follow-up: one report and one report enrollment per enrollment", 2 * expected,
                faults.count("select count(*) from followup.report where organization_pid = any(?)", (Object) pids)
                        + faults.count("""
                                select count(*) from followup.report_enrollment e join followup.report r on r.id = e.report_id
                                where r.organization_pid = any(?)""", (Object) pids), "reports + report enrollments");
        report.check("report service: every enrollment event applied once (inbox rows = distinct events)", eventIds.size(),
                faults.count("select count(*) from report.inbox where consumer = 'report.enrollments' and event_id = any(?)",
                        (Object) ids), "inbox rows");
        report.check("report service: enrollments and students in the read model, each once", 2 * expected,
                faults.count("select count(*) from report.enrollment where organization_pid = any(?)", (Object) pids)
                        + faults.count("select count(*) from report.student where stn = any(?)", (Object) stns.toArray(String[]::new)),
                "enrollment + student rows");
        report.check("no outbox row left behind (roster, follow-up, report)", 0,
                faults.count("select count(*) from roster.outbox") + faults.count("select count(*) from followup.outbox")
                        + faults.count("select count(*) from report.outbox"), "outbox rows");
        long deadLetters = TopicRecords.read(faults.brokers(), "error.sis.oneroster.v1.roster",
                (Predicate<TopicRecords.Rec>) r -> Arrays.asList(sis).contains(r.headers().get("ce_source"))).size()
                + TopicRecords.read(faults.brokers(), "error.roster.enrollments.v1.followup", stns).size()
                + TopicRecords.read(faults.brokers(), "error.roster.enrollments.v1.report", stns).size();
        report.check("nothing on the dead-letter topics (roster intake, follow-up and report enrollment consumers)", 0,
                deadLetters, "records");
        report.fact("Downstream: " + events.size() + " records on roster.enrollments.v1 for these students, "
                + eventIds.size() + " distinct events (" + (events.size() - eventIds.size()) + " redelivered copies)");
    }
}
