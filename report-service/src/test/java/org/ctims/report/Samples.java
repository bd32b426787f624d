package org.ctims.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builders of the events this service consumes, shaped as their producers document them; the
 * tests check each against the producer's schema file before using it.
 */
public final class Samples {

    private Samples() {
    }

    public static Map<String, Object> enrollment(UUID id, String year, String stn, Integer grade, String pid, String staffId,
                                          String division) {
        Map<String, Object> student = new LinkedHashMap<>();
        student.put("stn", stn);
        student.put("givenName", "Jamie");
        student.put("familyName", "Rivera");
        student.put("birthDate", "2001-02-03");
        student.put("gender", "female");
        student.put("grade", grade);
        student.put("email", null);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("enrollmentId", id.toString());
        payload.put("change", "added");
        payload.put("schoolYear", year);
        payload.put("student", student);
        payload.put("organization", Map.of("pid", pid, "name", "Sample High School"));
        payload.put("teacher", Map.of("staffId", staffId, "name", "Alice Adams"));
        payload.put("division", division);
        payload.put("source", Map.of("sis", "/sis/test", "sourcedId", "e-" + id));
        payload.put("someFutureField", "ignored by tolerant readers");
        return payload;
    }

    /** A report-saved payload; {@code certifications} as {assessment, cluster, result} triples. */
    public static Map<String, Object> reportSaved(UUID id, int version, String stn, String year, String pid, Integer grade,
                                           boolean deceased, String education, String employment,
                                           boolean followUpComplete, String[]... certifications) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("email", null);
        answers.put("deceased", deceased);
        answers.put("educationStatus", education);
        answers.put("employmentStatus", employment);
        answers.put("jobRelated", null);
        answers.put("selfEmployed", null);
        answers.put("jobTitle", null);
        answers.put("jobDuties", null);
        answers.put("tookCertificationTest", certifications.length > 0);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String[] c : certifications) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("assessmentNumber", c[0]);
            entry.put("clusterCode", c[1]);
            entry.put("result", c[2]);
            entries.add(entry);
        }
        Map<String, Object> student = new LinkedHashMap<>();
        student.put("givenName", "Jamie");
        student.put("familyName", "Rivera");
        student.put("birthDate", "2001-02-03");
        student.put("gender", "female");
        student.put("grade", grade);
        Map<String, Object> teacher = new LinkedHashMap<>();
        teacher.put("staffId", "700001");
        teacher.put("name", "Alice Adams");
        teacher.put("division", "Business and Marketing");
        teacher.put("removed", false);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id.toString());
        payload.put("version", version);
        payload.put("stn", stn);
        payload.put("schoolYear", year);
        payload.put("organization", Map.of("pid", pid, "name", "Sample High School"));
        payload.put("student", student);
        payload.put("teachers", List.of(teacher));
        payload.put("removed", false);
        payload.put("answers", answers);
        payload.put("certifications", entries);
        payload.put("followUpApplies", grade != null && grade == 12);
        payload.put("followUpComplete", followUpComplete);
        payload.put("certificateComplete", true);
        payload.put("missing", List.of());
        payload.put("lastSavedBy", Map.of("username", "teacher-a", "name", "Alice Adams"));
        payload.put("lastSavedAt", "2019-10-01T12:00:00Z");
        return payload;
    }

    public static Map<String, Object> assessment(String year, String number, String name, List<String> clusters) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("schoolYear", year);
        payload.put("number", number);
        payload.put("name", name);
        payload.put("vendor", "Vendor");
        payload.put("notes", null);
        payload.put("clusters", clusters);
        return payload;
    }

    public static Map<String, Object> cluster(String year, String code, String name) {
        return Map.of("schoolYear", year, "code", code, "name", name);
    }
}
