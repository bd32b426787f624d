package org.ctims.local.demo;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One OneRoster 1.2 record as an SIS sends it on {@code sis.oneroster.v1}: the REST binding's
 * field names, references as GUIDRefs. Built with the static factories, then adjusted with
 * {@link #with}. Everything is fixed (no clock, no random), so a replay is byte-for-byte the same
 * and the roster service's "newer wins" and inbox leave it unchanged.
 */
public final class RosterRecord {

    private final String type;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private RosterRecord(String type, String sourcedId, Instant modified) {
        this.type = type;
        fields.put("sourcedId", sourcedId);
        fields.put("status", "active");
        fields.put("dateLastModified", modified.toString());
    }

    public static RosterRecord school(String sourcedId, String pid, String name, Instant modified) {
        return new RosterRecord("org", sourcedId, modified).with("name", name).with("type", "school")
                .with("identifier", pid);
    }

    /** A school year; OneRoster's {@code schoolYear} is the year it ends in (2019 = 2018-2019). */
    public static RosterRecord schoolYear(String sourcedId, int endYear, Instant modified) {
        return new RosterRecord("academicSession", sourcedId, modified).with("title", (endYear - 1) + "-" + endYear)
                .with("type", "schoolYear").with("schoolYear", String.valueOf(endYear))
                .with("startDate", (endYear - 1) + "-08-15").with("endDate", endYear + "-05-31");
    }

    /** A teacher at one or more schools; the state staff id goes in {@code identifier} (the sign-in's staff_id). */
    public static RosterRecord teacher(String sourcedId, String staffId, String givenName, String familyName,
                                List<String> schoolSourcedIds, Instant modified) {
        return new RosterRecord("user", sourcedId, modified).with("enabledUser", true)
                .with("givenName", givenName).with("familyName", familyName).with("identifier", staffId)
                .with("email", (givenName + "." + familyName).toLowerCase() + "@staff.demo.example.org")
                .with("roles", schoolSourcedIds.stream().map(s -> role("teacher", s)).toList());
    }

    /** A student with the STN in {@code userIds} and one grade; the e-mail is optional. */
    public static RosterRecord student(String sourcedId, String stn, String givenName, String familyName, int grade,
                                String email, String schoolSourcedId, Instant modified) {
        RosterRecord record = new RosterRecord("user", sourcedId, modified).with("enabledUser", true)
                .with("givenName", givenName).with("familyName", familyName)
                .with("userIds", List.of(userId("STN", stn)))
                .with("roles", List.of(role("student", schoolSourcedId)))
                .with("grades", List.of(String.format("%02d", grade)));
        return email == null ? record : record.with("email", email);
    }

    /** Birth date and sex; OneRoster gives a demographic the sourcedId of its user. */
    public static RosterRecord demographic(String userSourcedId, String birthDate, String sex, Instant modified) {
        return new RosterRecord("demographic", userSourcedId, modified).with("birthDate", birthDate).with("sex", sex);
    }

    /** A CTE class of one school year; its subject is the division CTIMS shows. */
    public static RosterRecord cteClass(String sourcedId, String title, String subject, String schoolSourcedId,
                                 String termSourcedId, Instant modified) {
        return new RosterRecord("class", sourcedId, modified).with("title", title).with("classType", "scheduled")
                .with("school", ref(schoolSourcedId, "org")).with("terms", List.of(ref(termSourcedId, "academicSession")))
                .with("subjects", List.of(subject));
    }

    /** A user in a class; the teacher's enrollment is the primary one. */
    public static RosterRecord enrollment(String sourcedId, String role, String userSourcedId, String classSourcedId,
                                   String schoolSourcedId, Instant modified) {
        return new RosterRecord("enrollment", sourcedId, modified).with("role", role)
                .with("primary", "teacher".equals(role)).with("user", ref(userSourcedId, "user"))
                .with("class", ref(classSourcedId, "class")).with("school", ref(schoolSourcedId, "org"));
    }

    public RosterRecord with(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    /** {@code ce_type}, e.g. {@code oneroster.user}. */
    public String ceType() {
        return "oneroster." + type;
    }

    public String sourcedId() {
        return (String) fields.get("sourcedId");
    }

    public String dateLastModified() {
        return (String) fields.get("dateLastModified");
    }

    /** The message key, {@code <type>:<sourcedId>}: one record's versions stay in one partition, in order. */
    public String key() {
        return type + ":" + sourcedId();
    }

    /** A name-based event id: the same record version always has the same id, so a replay is a duplicate. */
    public String eventId(String sis) {
        return UUID.nameUUIDFromBytes((sis + "|" + key() + "|" + dateLastModified()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    public byte[] json() {
        return Json.write(fields).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> userId(String type, String identifier) {
        Map<String, Object> node = new LinkedHashMap<>();   // ordered: the same record, the same bytes
        node.put("type", type);
        node.put("identifier", identifier);
        return node;
    }

    private static Map<String, Object> role(String role, String orgSourcedId) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("roleType", "primary");
        node.put("role", role);
        node.put("org", ref(orgSourcedId, "org"));
        return node;
    }

    private static Map<String, Object> ref(String sourcedId, String type) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("href", "/ims/oneroster/rostering/v1p2/" + ("class".equals(type) ? "classes" : type + "s") + "/" + sourcedId);
        node.put("sourcedId", sourcedId);
        node.put("type", type);
        return node;
    }
}
