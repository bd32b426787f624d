package org.ctims.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The follow-up service's report API as a teacher calls it, straight to the service (no gateway). */
final class FollowupApi {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** A report of the list: id, STN, version. */
    record Row(String id, String stn, int version) {
    }

    /** An HTTP answer; {@code status} 0 when there was none (connection refused or cut). */
    record Answer(int status, String body, String contentType) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final Faults faults;
    private final SchoolRoster school;

    FollowupApi(Faults faults, SchoolRoster school) {
        this.faults = faults;
        this.school = school;
    }

    private String token() {
        return faults.tokens().teacher(school.staffId, school.pid);
    }

    /** The teacher's whole list (at most 500 students). */
    List<Row> list() {
        Answer answer = send(HttpRequest.newBuilder(URI.create(faults.service("followup") + "/api/followups?org=" + school.pid
                + "&year=" + SchoolRoster.SCHOOL_YEAR + "&teacher=" + school.staffId + "&size=500")).GET());
        if (answer.status() != 200) {
            throw new IllegalStateException("list answered " + answer.status() + ": " + answer.body());
        }
        List<Row> rows = new ArrayList<>();
        answer.json().get("rows").forEach(r -> rows.add(new Row(r.get("id").asString(), r.get("stn").asString(),
                r.get("version").asInt())));
        return rows;
    }

    Answer get(String id) {
        return send(HttpRequest.newBuilder(URI.create(faults.service("followup") + "/api/followups/" + id)).GET());
    }

    /** Saves a follow-up answer over {@code version}. */
    Answer save(String id, int version, String educationStatus) {
        String body = "{\"deceased\":false,\"educationStatus\":\"" + educationStatus
                + "\",\"employmentStatus\":\"unknown\",\"tookCertificationTest\":false}";
        return send(HttpRequest.newBuilder(URI.create(faults.service("followup") + "/api/followups/" + id))
                .header("Content-Type", "application/json").header("If-Match", "\"" + version + "\"")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token())
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            return new Answer(0, e.toString(), "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, e.toString(), "");
        }
    }
}
