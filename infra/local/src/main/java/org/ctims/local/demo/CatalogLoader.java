package org.ctims.local.demo;

import java.util.List;
import java.util.Map;

/**
 * Imports a demo Approved Assessment List through the gateway as state staff do: first a preview
 * ({@code dryRun=true}, changes nothing), then a commit only when the preview shows the list is
 * new or incomplete. The service itself treats an identical re-import as "nothing changed", but
 * it would still log an import each time, and a commit retires every assessment missing from the
 * file: so a year that already holds the demo list is skipped, and a year that holds a different
 * list (someone imported their own) is left alone.
 */
final class CatalogLoader {

    static final String IMPORTS = "/api/certifications/catalog-imports";
    private static final int ATTEMPTS = 3;

    private final GatewayClient gateway;
    private final String token;

    CatalogLoader(GatewayClient gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** Loads the list of one school year; answers one line saying what happened. */
    String load(int endYear) {
        String year = DemoRoster.schoolYear(endYear);
        List<DemoAssessments.Entry> entries = DemoAssessments.of(endYear);
        byte[] file = AssessmentListWorkbook.write(entries);
        String fileName = "ApprovedAssessmentsList_demo_" + year + ".xlsx";

        // the gateway answers 503 while a service is busy (import bulkhead, time limit): a preview
        // changes nothing, so the whole decision is simply made again
        GatewayClient.Response last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            last = gateway.upload(IMPORTS + "?year=" + year + "&dryRun=true", token, "file", fileName,
                    AssessmentListWorkbook.CONTENT_TYPE, file);
            if (last.status() == 503) {
                continue;
            }
            if (last.status() != 200) {
                throw new IllegalStateException("the preview of the " + year + " list was refused: " + last);
            }
            Counts preview = Counts.of(last);
            if (!preview.valid()) {
                throw new IllegalStateException("the demo list of " + year + " has invalid rows: " + last);
            }
            if (preview.added() == 0 && preview.changed() == 0 && preview.retired() == 0) {
                return year + ": already holds the " + entries.size() + " demo assessments, not imported again";
            }
            if (preview.retired() > 0) {
                return year + ": holds another list (" + preview.retired()
                        + " assessments not in the demo list), left as it is";
            }
            last = gateway.upload(IMPORTS + "?year=" + year, token, "file", fileName,
                    AssessmentListWorkbook.CONTENT_TYPE, file);
            if (last.status() == 201) {
                Counts committed = Counts.of(last);
                return year + ": imported " + fileName + " (" + committed.added() + " added, " + committed.changed()
                        + " changed, " + committed.unchanged() + " unchanged)";
            }
            if (last.status() != 503) {
                throw new IllegalStateException("the import of the " + year + " list was refused: " + last);
            }
        }
        throw new IllegalStateException("the certification service stayed busy: " + last);
    }

    /** The parts of the import answer ({@code ImportResult}) the decision needs. */
    private record Counts(boolean valid, int added, int changed, int retired, int unchanged) {

        static Counts of(GatewayClient.Response response) {
            Map<String, Object> result = Json.object(response.json());
            Map<String, Object> counts = Json.object(result.get("counts"));
            return new Counts(Boolean.TRUE.equals(result.get("valid")), number(counts, "added"),
                    number(counts, "changed"), number(counts, "retired"), number(counts, "unchanged"));
        }

        private static int number(Map<String, Object> counts, String name) {
            return ((Number) counts.get(name)).intValue();
        }
    }
}
