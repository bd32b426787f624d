package org.ctims.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.ctims.bench.Target;
import org.ctims.bench.harness.Format;
import org.ctims.bench.harness.Result;
import org.postgresql.PGConnection;

/**
 * Issue 6's export benchmark: the report service's statewide student export
 * ({@code GET /api/reports/students.xlsx}) of 100,000 and 1,000,000 rows, next to two baselines in
 * the same run: {@code COPY (the same query) TO STDOUT} and a bare POI SXSSF loop writing the same
 * rows from memory. The rows are put straight into the report service's read-model tables with
 * COPY under a school year of their own, and removed afterwards. The service's heap is sampled
 * from its Prometheus endpoint while it exports.
 */
public final class StudentExportBench {

    static final String YEAR = "2098-2099";
    static final int STUDENTS_PER_SCHOOL = 1000;
    static final String[] EDUCATION = {"not-attending", "secondary", "technology-center-adult", "public-collegiate-adult", "unknown"};
    static final String[] EMPLOYMENT = {"employed-full-time-civilian", "unemployed-seeking", "not-in-labor-force", "unknown"};

    private final Target target;
    private final Path repo;
    private final List<Integer> sizes;

    public StudentExportBench(Target target, Path repo, List<Integer> sizes) {
        this.target = target;
        this.repo = repo;
        this.sizes = sizes.stream().sorted().toList();
    }

    public List<Result> run() throws Exception {
        String token = target.keycloak().token("state", "state");
        String query = Files.readString(repo.resolve("report-service/src/main/resources/sql/student-list.sql"))
                .replaceAll("(?m)^--.*$", "").formatted("").replace(":year", "'" + YEAR + "'");
        List<Result> results = new ArrayList<>();
        try (Connection db = target.database()) {
            try (Statement s = db.createStatement()) {
                s.execute("set search_path to report");
            }
            remove(db);
            int seeded = 0;
            for (int rows : sizes) {
                Duration seeding = seed(db, seeded, rows);
                seeded = rows;
                Export export = export(target.service("report"), token, rows);
                Duration copy = copy(db, query);
                Duration poi = bareSxssfLikeTheService(rows);
                Duration poiHere = bareSxssf(rows);
                double ratio = export.took.toNanos() / (double) (copy.toNanos() + poi.toNanos());
                double ratioHere = export.took.toNanos() / (double) (copy.toNanos() + poiHere.toNanos());
                results.add(new Result("Student export, " + Format.count(rows) + " rows (.xlsx, direct)",
                        Format.seconds(export.took) + ", " + mib(export.bytes) + ", peak heap " + mib(export.peakHeap),
                        "COPY of the query " + Format.seconds(copy) + " + bare SXSSF loop " + Format.seconds(poi),
                        Format.ratio(ratio) + " COPY + bare loop", "≤ 1.5× the baselines, heap flat as rows grow",
                        Result.verdict(ratio <= 1.5, Format.ratio(ratio)),
                        List.of(Format.count(rows) + " rows seeded with COPY in " + Format.seconds(seeding)
                                        + " (1,000 students per school, half with a certification); heap sampled every 100 ms from"
                                        + " /actuator/prometheus: " + mib(export.heapBefore) + " before, peak " + mib(export.peakHeap)
                                        + " during the export (service started with " + String.join(" ", target.config().serviceJvmOptions()) + ")",
                                "COPY (…) TO STDOUT " + Format.seconds(copy) + ", bare SXSSF loop (same rows and columns from memory,"
                                        + " in a JVM started like the service's) " + Format.seconds(poi) + ", export "
                                        + Format.seconds(export.took) + " to the last byte",
                                "The same bare loop in the benchmark's own JVM (default JIT, C2): " + Format.seconds(poiHere)
                                        + ", so the export is " + Format.ratio(ratioHere) + " COPY + that loop")));
            }
        } finally {
            try (Connection db = target.database(); Statement s = db.createStatement()) {
                s.execute("set search_path to report");
                remove(db);
            }
        }
        return results;
    }

    record Export(Duration took, long bytes, long heapBefore, long peakHeap) {
    }

    private Export export(String base, String token, int rows) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HeapSampler heap = new HeapSampler(client, base + "/actuator/prometheus");
        long before = heap.sample();
        heap.start();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/reports/students.xlsx?year=" + YEAR))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(30)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long bytes;
        try (InputStream in = response.body()) {
            bytes = in.transferTo(OutputStream.nullOutputStream());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        heap.stop();
        if (response.statusCode() != 200 || bytes < rows * 20L) {
            throw new IllegalStateException("the export answered HTTP " + response.statusCode() + " with " + bytes + " bytes");
        }
        return new Export(took, bytes, before, heap.peak());
    }

    private static Duration copy(Connection db, String query) throws Exception {
        AtomicLong bytes = new AtomicLong();
        long t0 = System.nanoTime();
        db.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout (format csv)", new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
            }
        });
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /**
     * The bare loop in a JVM started like the report service (its JDK and JVM options, e.g. C1 only),
     * so that the ratio compares our code with plain POI and not one JIT with another. The child
     * measures the loop itself, without its own start.
     */
    private Duration bareSxssfLikeTheService(int rows) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(target.config().java().toString());
        command.addAll(target.config().serviceJvmOptions().stream().filter(o -> !o.startsWith("-XX:StartFlightRecording")).toList());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareLoop.class.getName(), String.valueOf(rows)));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        if (child.waitFor() != 0 || !out.matches("\\d+")) {
            throw new IllegalStateException("the bare SXSSF loop in a child JVM failed (exit " + child.exitValue() + "): " + out);
        }
        return Duration.ofNanos(Long.parseLong(out));
    }

    /** The bare loop alone: {@code main(rows)} prints the nanoseconds it took, for a child JVM. */
    static final class BareLoop {

        public static void main(String[] args) throws IOException {
            System.out.println(bareSxssf(Integer.parseInt(args[0])).toNanos());
        }
    }

    static Duration bareSxssf(int rows) throws IOException {
        long t0 = System.nanoTime();
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            SXSSFSheet sheet = workbook.createSheet("Students");
            int r = 0;
            Row header = sheet.createRow(r++);
            for (int c = 0; c < 20; c++) {
                header.createCell(c).setCellValue("Column " + c);
            }
            for (int i = 0; i < rows; i++) {
                if (r == 1_048_576) {
                    sheet = workbook.createSheet("Students (" + (i / 1_048_575 + 1) + ")");
                    r = 0;
                }
                Row row = sheet.createRow(r++);
                List<Object> cells = cells(i);
                for (int c = 0; c < cells.size(); c++) {
                    Object value = cells.get(c);
                    if (value instanceof Number n) {
                        row.createCell(c).setCellValue(n.longValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(OutputStream.nullOutputStream());
        } finally {
            workbook.close();
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The row the export writes for seeded student {@code i}, as the bare loop writes it. */
    static List<Object> cells(int i) {
        boolean certified = i % 2 == 0;
        return java.util.Arrays.asList(pid(i), school(i), stn(i), "Family" + (i % 5000), "Given" + (i % 97), "2001-05-17", 12,
                teacher(i), "Yes", complete(i) ? "Yes" : "No", "No", EDUCATION[i % EDUCATION.length], EMPLOYMENT[i % EMPLOYMENT.length],
                certified ? "Yes" : "No", certified ? 1 : 0, certified && i % 4 == 0 ? 1 : 0,
                certified ? "7503 ED " + result(i) : null, certified ? "Yes" : "No", "bench-teacher", "2099-10-01T12:00:00Z");
    }

    private static Duration seed(Connection db, int from, int to) throws Exception {
        long t0 = System.nanoTime();
        StringBuilder enrollments = new StringBuilder();
        StringBuilder students = new StringBuilder();
        StringBuilder reports = new StringBuilder();
        StringBuilder certifications = new StringBuilder();
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        for (int i = from; i < to; i++) {
            String report = new java.util.UUID(0x7777L, i).toString();
            enrollments.append(new java.util.UUID(0x7778L, i)).append('\t').append(YEAR).append('\t').append(stn(i)).append("\t12\t")
                    .append(pid(i)).append('\t').append(school(i)).append('\t').append(staffId(i)).append('\t').append(teacher(i))
                    .append("\tBusiness\tf\t2099-08-01T00:00:00Z\n");
            students.append(stn(i)).append("\tGiven").append(i % 97).append("\tFamily").append(i % 5000)
                    .append("\t2001-05-17\tF\t\\N\t2099-08-01T00:00:00Z\n");
            boolean certified = i % 2 == 0;
            reports.append(report).append("\t1\t").append(stn(i)).append('\t').append(YEAR).append('\t').append(pid(i))
                    .append("\t12\tf\tf\t").append(EDUCATION[i % EDUCATION.length]).append('\t')
                    .append(EMPLOYMENT[i % EMPLOYMENT.length]).append('\t').append(certified ? 't' : 'f').append("\tt\t")
                    .append(complete(i) ? 't' : 'f').append('\t').append(certified ? 't' : 'f')
                    .append("\tbench-teacher\t2099-10-01T12:00:00Z\n");
            if (certified) {
                certifications.append(report).append("\t0\t7503\tED\t").append(result(i)).append('\n');
            }
            if ((i + 1) % 50_000 == 0 || i == to - 1) {
                copy.copyIn("copy enrollment (enrollment_id, school_year, stn, grade, organization_pid, organization_name,"
                        + " teacher_staff_id, teacher_name, division, removed, event_time) from stdin", new StringReader(enrollments.toString()));
                copy.copyIn("copy student (stn, given_name, family_name, birth_date, gender, email, event_time) from stdin",
                        new StringReader(students.toString()));
                copy.copyIn("copy report_state (report_id, version, stn, school_year, organization_pid, grade, removed, deceased,"
                        + " education_status, employment_status, took_certification_test, follow_up_applies, follow_up_complete,"
                        + " certificate_complete, saved_by, saved_at) from stdin", new StringReader(reports.toString()));
                copy.copyIn("copy report_certification (report_id, position, assessment_number, cluster_code, result) from stdin",
                        new StringReader(certifications.toString()));
                enrollments.setLength(0);
                students.setLength(0);
                reports.setLength(0);
                certifications.setLength(0);
            }
        }
        try (Statement s = db.createStatement()) {
            s.execute("analyze enrollment");
            s.execute("analyze student");
            s.execute("analyze report_state");
            s.execute("analyze report_certification");
        }
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    private static void remove(Connection db) throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("delete from report_state where school_year = '" + YEAR + "'"); // certifications cascade
            s.execute("delete from enrollment where school_year = '" + YEAR + "'");
            s.execute("delete from student where stn like '77%' and event_time = '2099-08-01T00:00:00Z'");
        }
    }

    static String stn(int i) {
        return String.format(Locale.ROOT, "77%08d", i);
    }

    static String pid(int i) {
        return String.valueOf(300_000 + i / STUDENTS_PER_SCHOOL);
    }

    static String school(int i) {
        return "Bench School " + (i / STUDENTS_PER_SCHOOL);
    }

    static String staffId(int i) {
        return String.valueOf(8_000_000 + (i / STUDENTS_PER_SCHOOL) * 3 + i % 3);
    }

    static String teacher(int i) {
        return "Teacher " + staffId(i);
    }

    static boolean complete(int i) {
        return i % 4 != 3;
    }

    static String result(int i) {
        return i % 4 == 0 ? "passed" : "not-passed";
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    /** Samples the service's heap in use ({@code jvm_memory_used_bytes} of the heap pools) until stopped. */
    static final class HeapSampler {

        private final HttpClient client;
        private final String url;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running;
        private Thread thread;

        HeapSampler(HttpClient client, String url) {
            this.client = client;
            this.url = url;
        }

        long sample() throws Exception {
            String body = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
            long used = 0;
            for (String line : body.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    used += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return used;
        }

        void start() {
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    try {
                        peak.accumulateAndGet(sample(), Math::max);
                        Thread.sleep(100);
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "ctims-bench-heap");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peak() {
            return peak.get();
        }
    }
}
