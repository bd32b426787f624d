package org.ctims.bench.followup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.ctims.bench.Target;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Http;
import org.ctims.bench.harness.Latencies;
import org.ctims.bench.harness.LoadRun;
import org.ctims.bench.harness.Result;
import org.ctims.bench.roster.StatewideRoster;

/**
 * Issue 5's benchmark: concurrent teachers, each signed in with the real Keycloak, load their
 * 300-student list and then save reports one after the other (open the report for its ETag,
 * save it with {@code If-Match}, a short think time in between), reloading the list every 27
 * saves. The same load runs straight against the follow-up service and through the gateway; the
 * gateway's overhead is the ratio of the two p95s. The students come from the roster benchmark
 * (three teachers share each school's 300 seniors, so two teachers may save the same report: a
 * 409 is counted and the report opened again, as the web client does).
 */
public final class FollowupSaveBench {

    static final int SAVES_PER_LIST = 27;
    static final List<String> EDUCATION = List.of("not-attending", "secondary", "technology-center-adult",
            "private-school-adult", "public-collegiate-adult", "unknown");
    static final List<String> EMPLOYMENT = List.of("unemployed-seeking", "not-in-labor-force", "unknown");

    private final Target target;
    private final int teachers;
    private final Duration warmUp;
    private final Duration measured;
    private final Duration thinkTime;
    private final AtomicInteger failuresShown = new AtomicInteger();

    public FollowupSaveBench(Target target, int teachers, Duration warmUp, Duration measured, Duration thinkTime) {
        this.target = target;
        this.teachers = teachers;
        this.warmUp = warmUp;
        this.measured = measured;
        this.thinkTime = thinkTime;
    }

    /** Creates the bench teachers in Keycloak and waits until each sees 300 reports (bounded). */
    public Duration prepare(Duration timeout) throws InterruptedException {
        long t0 = System.nanoTime();
        for (int t = 0; t < teachers; t++) {
            target.keycloak().ensureTeacher(username(t), pid(t), staffId(t));
        }
        long deadline = t0 + timeout.toNanos();
        for (int t = 0; t < teachers; t++) {
            String token = target.keycloak().token(username(t), username(t));
            while (true) {
                Http.Answer list = Http.get(listUrl(target.service("followup"), t), token);
                if (list.status() == 200 && list.json().get("totalRows").asInt() >= StatewideRoster.STUDENTS_PER_SCHOOL) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the follow-up service did not show " + StatewideRoster.STUDENTS_PER_SCHOOL
                            + " reports to " + username(t) + " within " + timeout.toSeconds() + " s: " + list);
                }
                Thread.sleep(1000);
            }
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    public Result run() {
        Phase direct = phase(target.service("followup"));
        Phase gateway = phase(target.gateway());
        double ratio = gateway.saves.percentile(95).toNanos() / (double) direct.saves.percentile(95).toNanos();
        boolean met = direct.saves.percentile(95).toMillis() < 50 && ratio < 1.5 && direct.errors() == 0
                && gateway.errors() == 0;
        List<String> details = new ArrayList<>();
        details.add(teachers + " teachers (created in the real Keycloak, tokens by password grant of `ctims-cli`), each with"
                + " a 300-student list; think time " + thinkTime.toMillis() + " ms after each request; list reloaded every "
                + SAVES_PER_LIST + " saves; " + warmUp.toSeconds() + " s warm-up then " + measured.toSeconds()
                + " s measured per path");
        details.add("Direct: " + direct.describe());
        details.add("Through the gateway: " + gateway.describe());
        return new Result("Follow-up saves, " + teachers + " teachers", "direct save p95 "
                + Format.millis(direct.saves.percentile(95)) + "; through the gateway p95 " + Format.millis(gateway.saves.percentile(95)),
                "the same requests straight to the service", Format.ratio(ratio) + " (gateway ÷ direct, save p95)",
                "direct save p95 < 50 ms; gateway < 1.5×; no errors",
                Result.verdict(met, "direct p95 " + Format.millis(direct.saves.percentile(95)) + ", gateway "
                        + Format.ratio(ratio) + ", errors " + (direct.errors() + gateway.errors())), details);
    }

    private record Phase(Latencies lists, Latencies opens, Latencies saves, AtomicInteger conflicts, Duration took) {

        int errors() {
            return lists.errors() + opens.errors() + saves.errors();
        }

        String describe() {
            return "save " + saves.summary() + " (" + Format.rate(saves.count() / (took.toNanos() / 1e9), "saves") + "); open "
                    + opens.summary() + "; list of 300 " + lists.summary() + " (" + lists.count() + " loads); "
                    + conflicts.get() + " conflicts (409, two teachers on one report); errors " + errors();
        }
    }

    private Phase phase(String base) {
        Latencies lists = new Latencies();
        Latencies opens = new Latencies();
        Latencies saves = new Latencies();
        AtomicInteger conflicts = new AtomicInteger();
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < teachers; t++) {
            tokens.add(target.keycloak().token(username(t), username(t)));
        }
        Duration took = LoadRun.run(teachers, warmUp, measured, t -> new LoadRun.User() {
            final String token = tokens.get(t);
            List<String> ids = List.of();
            int saved;

            @Override
            public void step(boolean measuredNow) throws Exception {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                if (ids.isEmpty() || saved % SAVES_PER_LIST == 0) {
                    long start = System.nanoTime();
                    Http.Answer list = Http.get(listUrl(base, t), token);
                    record(lists, start, list.status() == 200, measuredNow);
                    reportFailure("list", list);
                    if (list.status() == 200) {
                        List<String> found = new ArrayList<>();
                        list.json().get("rows").forEach(row -> found.add(row.get("id").asString()));
                        ids = found;
                    }
                    saved++;
                    Thread.sleep(thinkTime.toMillis());
                    return;
                }
                String id = ids.get(random.nextInt(ids.size()));
                long start = System.nanoTime();
                Http.Answer report = Http.get(base + "/api/followups/" + id, token);
                record(opens, start, report.status() == 200, measuredNow);
                reportFailure("open", report);
                Thread.sleep(thinkTime.toMillis());
                if (report.status() != 200) {
                    return;
                }
                String answers = answers(EDUCATION.get(random.nextInt(EDUCATION.size())),
                        EMPLOYMENT.get(random.nextInt(EMPLOYMENT.size())));
                start = System.nanoTime();
                Http.Answer save = Http.put(base + "/api/followups/" + id, token, answers,
                        Map.of("If-Match", report.header("ETag")));
                if (save.status() == 409) {
                    conflicts.incrementAndGet();
                } else {
                    record(saves, start, save.status() == 200, measuredNow);
                    reportFailure("save", save);
                }
                saved++;
                Thread.sleep(thinkTime.toMillis());
            }
        });
        return new Phase(lists, opens, saves, conflicts, took);
    }

    /** Prints the first few failures of a run (warm-up included: a breaker opened then explains the rest). */
    private void reportFailure(String what, Http.Answer answer) {
        if (answer.status() != 200 && answer.status() != 409 && failuresShown.getAndIncrement() < 20) {
            System.err.println(what + " failed: " + answer);
        }
    }

    private static void record(Latencies latencies, long start, boolean ok, boolean measured) {
        long took = System.nanoTime() - start;
        if (measured) {
            if (ok) {
                latencies.add(took);
            } else {
                latencies.error();
            }
        }
    }

    /** A follow-up of a living student who took no certification test, as the JSON of a save. */
    static String answers(String educationStatus, String employmentStatus) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("deceased", false);
        answers.put("educationStatus", educationStatus);
        answers.put("employmentStatus", employmentStatus);
        answers.put("tookCertificationTest", false);
        return Http.JSON.writeValueAsString(answers);
    }

    private static String listUrl(String base, int teacher) {
        return base + "/api/followups?org=" + pid(teacher) + "&year=" + StatewideRoster.SCHOOL_YEAR + "&teacher="
                + staffId(teacher) + "&size=" + StatewideRoster.STUDENTS_PER_SCHOOL;
    }

    static String username(int teacher) {
        return "bench-teacher-" + staffId(teacher);
    }

    static String pid(int teacher) {
        return StatewideRoster.pid(teacher / StatewideRoster.TEACHERS_PER_SCHOOL);
    }

    static String staffId(int teacher) {
        return StatewideRoster.staffId(teacher / StatewideRoster.TEACHERS_PER_SCHOOL, teacher % StatewideRoster.TEACHERS_PER_SCHOOL);
    }
}
