package org.ctims.followup.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One changed answer, as kept in a report's history: the field's API name and its value before
 * and after as text (codes for statuses, {@code yes}/{@code no}, null when not answered).
 * Certification entries are compared per assessment: field {@code certifications[7503]}, value
 * {@code "ED passed"}.
 */
public record Change(String field, String from, String to) {

    public static List<Change> between(Answers before, Answers after) {
        List<Change> changes = new ArrayList<>();
        compare(changes, "email", before, after, Answers::email);
        compare(changes, "deceased", before, after, a -> yesNo(a.deceased()));
        compare(changes, "educationStatus", before, after, a -> a.educationStatus() == null ? null : a.educationStatus().code());
        compare(changes, "employmentStatus", before, after, a -> a.employmentStatus() == null ? null : a.employmentStatus().code());
        compare(changes, "jobRelated", before, after, a -> yesNo(a.jobRelated()));
        compare(changes, "selfEmployed", before, after, a -> yesNo(a.selfEmployed()));
        compare(changes, "jobTitle", before, after, Answers::jobTitle);
        compare(changes, "jobDuties", before, after, Answers::jobDuties);
        compare(changes, "tookCertificationTest", before, after, a -> yesNo(a.tookCertificationTest()));
        Map<String, String> was = entries(before);
        Map<String, String> is = entries(after);
        Map<String, String[]> keys = new LinkedHashMap<>();
        was.forEach((k, value) -> keys.put(k, new String[] {value, null}));
        is.forEach((k, value) -> keys.computeIfAbsent(k, x -> new String[2])[1] = value);
        keys.forEach((k, pair) -> {
            if (!Objects.equals(pair[0], pair[1])) {
                changes.add(new Change("certifications[" + k + "]", pair[0], pair[1]));
            }
        });
        return changes;
    }

    private static void compare(List<Change> changes, String field, Answers before, Answers after,
                                Function<Answers, String> value) {
        String from = value.apply(before);
        String to = value.apply(after);
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from, to));
        }
    }

    /** Entries by assessment number; entries without one (still being filled in) by position. */
    private static Map<String, String> entries(Answers a) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < a.certifications().size(); i++) {
            CertificationEntry e = a.certifications().get(i);
            String key = e.assessmentNumber() == null ? "#" + (i + 1) : e.assessmentNumber();
            map.put(key, (e.clusterCode() == null ? "-" : e.clusterCode()) + " "
                    + (e.result() == null ? "-" : e.result().code()));
        }
        return map;
    }

    private static String yesNo(Boolean b) {
        return b == null ? null : b ? "yes" : "no";
    }
}
