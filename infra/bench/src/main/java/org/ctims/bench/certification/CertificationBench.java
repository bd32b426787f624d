package org.ctims.bench.certification;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.ctims.bench.Target;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Http;
import org.ctims.bench.harness.Latencies;
import org.ctims.bench.harness.LoadRun;
import org.ctims.bench.harness.Result;

/**
 * Issue 3's benchmark, straight against the certification service: the import of a 5,000-row
 * Approved Assessment List (commit, next to the preview of the same file), then the assessment
 * search under concurrent users next to a trivial authenticated endpoint of the same service
 * (the year's clusters) under the same load.
 */
public final class CertificationBench {

    static final String YEAR = "2024-2025";
    /** What teachers type: number prefixes, word starts, whole words, two words, a typo. */
    static final List<String> QUERIES = List.of("1", "12", "104", "1234", "wel", "weld", "welding", "nurs",
            "cosmetology", "auto tech", "early child", "cyber", "acount", "pharmcy", "level ii", "specialist",
            "graphic", "robotics 3", "emergency medical", "logistics associate");

    private final Target target;
    private final int rows;
    private final int users;
    private final Duration warmUp;
    private final Duration measured;

    public CertificationBench(Target target, int rows, int users, Duration warmUp, Duration measured) {
        this.target = target;
        this.rows = rows;
        this.users = users;
        this.warmUp = warmUp;
        this.measured = measured;
    }

    public List<Result> run() {
        String state = target.keycloak().token("state", "state");
        String base = target.service("certification") + "/api/certifications";
        byte[] file = AssessmentListFile.write(rows);
        String fileName = "ApprovedAssessmentsList_bench_" + YEAR + ".xlsx";

        long t0 = System.nanoTime();
        Http.upload(base + "/catalog-imports?year=" + YEAR + "&dryRun=true", state, "file", fileName,
                AssessmentListFile.CONTENT_TYPE, file).expect(200, "preview of the " + rows + "-row list");
        Duration preview = Duration.ofNanos(System.nanoTime() - t0);
        t0 = System.nanoTime();
        Http.Answer commit = Http.upload(base + "/catalog-imports?year=" + YEAR, state, "file", fileName,
                AssessmentListFile.CONTENT_TYPE, file).expect(201, "commit of the " + rows + "-row list");
        Duration committed = Duration.ofNanos(System.nanoTime() - t0);
        int added = commit.json().get("counts").get("added").asInt();

        Result imports = new Result("Import of a " + Format.count(rows) + "-row Approved Assessment List (commit)",
                Format.seconds(committed), "preview (dry run) of the same file: " + Format.seconds(preview),
                Format.ratio(committed.toNanos() / (double) preview.toNanos()) + " the preview",
                "none set (issue 3 asks for the time)", "measured",
                List.of("File: " + Format.count(file.length) + " bytes, " + Format.count(rows) + " rows, written with POI; "
                        + added + " assessments added (new year list, fresh database)",
                        "Straight to the certification service (no gateway), as state staff (token of the real Keycloak)",
                        "The commit includes its " + Format.count(added) + " outbox rows in the same transaction"));

        String searchToken = target.keycloak().token("teacher-a", "teacher-a");
        Latencies trivial = new Latencies();
        Duration trivialTime = load(trivial, () -> base + "/clusters?year=" + YEAR, searchToken);
        Latencies search = new Latencies();
        Duration searchTime = load(search, () -> base + "/assessments?year=" + YEAR + "&limit=20&q="
                + URLEncoder.encode(QUERIES.get(ThreadLocalRandom.current().nextInt(QUERIES.size())), StandardCharsets.UTF_8),
                searchToken);
        double ratio = search.percentile(95).toNanos() / (double) trivial.percentile(95).toNanos();
        List<String> details = new ArrayList<>();
        details.add(users + " concurrent users without think time, " + warmUp.toSeconds() + " s warm-up then "
                + measured.toSeconds() + " s measured per endpoint; straight to the service; a teacher's token");
        details.add("Search (" + Format.count(rows) + " assessments, " + QUERIES.size()
                + " different queries: number prefixes, word starts, two words, typos): " + search.summary() + "; "
                + Format.rate(search.count() / (double) searchTime.toNanos() * 1e9, "requests") + "; errors " + search.errors());
        details.add("Trivial endpoint `GET /clusters?year=` (17 rows): " + trivial.summary() + "; "
                + Format.rate(trivial.count() / (double) trivialTime.toNanos() * 1e9, "requests") + "; errors " + trivial.errors());
        Result searchResult = new Result("Assessment search, " + Format.count(rows) + " assessments, " + users + " users",
                "p95 " + Format.millis(search.percentile(95)), "trivial authenticated endpoint p95 "
                        + Format.millis(trivial.percentile(95)), Format.ratio(ratio) + " the trivial endpoint's p95",
                "p95 ≤ 2× the trivial endpoint", Result.verdict(ratio <= 2 && search.errors() == 0,
                        Format.ratio(ratio) + (search.errors() > 0 ? ", " + search.errors() + " errors" : "")), details);
        return List.of(imports, searchResult);
    }

    private Duration load(Latencies latencies, java.util.function.Supplier<String> url, String token) {
        return LoadRun.run(users, warmUp, measured, i -> measuredNow -> {
            long start = System.nanoTime();
            Http.Answer answer = Http.get(url.get(), token);
            long took = System.nanoTime() - start;
            if (measuredNow) {
                if (answer.status() == 200) {
                    latencies.add(took);
                } else {
                    latencies.error();
                }
            }
        });
    }
}
