package org.ctims.roster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test data builders for OneRoster 1.2 records as an SIS sends them (JSON with OneRoster's field
 * names), with valid defaults; tests change only what they are about.
 */
public final class OneRosterRecords {

    public static final Instant MODIFIED = Instant.parse("2019-03-01T18:14:45Z");
    private static final JsonMapper json = JsonMapper.shared();

    private OneRosterRecords() {
    }

    /** A school with a PID. */
    public static Builder school(String sourcedId, String pid, String name) {
        return new Builder("oneroster.org", sourcedId).with("name", name).with("type", "school").with("identifier", pid);
    }

    /** A school year; {@code schoolYear} 2019 is 2018-2019. */
    public static Builder schoolYear(String sourcedId, int endYear) {
        return new Builder("oneroster.academicSession", sourcedId).with("title", (endYear - 1) + "-" + endYear)
                .with("type", "schoolYear").with("schoolYear", String.valueOf(endYear))
                .with("startDate", (endYear - 1) + "-08-15").with("endDate", endYear + "-05-31");
    }

    /** A student (OneRoster 1.2: roles array) with an STN in userIds. */
    public static Builder student(String sourcedId, String stn, String schoolSourcedId) {
        Builder builder = new Builder("oneroster.user", sourcedId).with("givenName", "Stu").with("familyName", "Dent")
                .with("email", sourcedId + "@students.example.org").with("enabledUser", true);
        builder.node.set("userIds", json.createArrayNode().add(json.createObjectNode().put("type", "STN").put("identifier", stn)));
        builder.node.set("roles", json.createArrayNode().add(role("student", schoolSourcedId)));
        builder.node.set("grades", json.createArrayNode().add("12"));
        return builder;
    }

    /** A teacher identified by the state staff id in {@code identifier}. */
    public static Builder teacher(String sourcedId, String staffId, String schoolSourcedId) {
        Builder builder = new Builder("oneroster.user", sourcedId).with("givenName", "Alice").with("familyName", "Adams")
                .with("email", sourcedId + "@staff.example.org").with("identifier", staffId).with("enabledUser", true);
        builder.node.set("roles", json.createArrayNode().add(role("teacher", schoolSourcedId)));
        return builder;
    }

    public static Builder demographic(String userSourcedId, String birthDate, String sex) {
        return new Builder("oneroster.demographic", userSourcedId).with("birthDate", birthDate).with("sex", sex);
    }

    public static Builder roleRecord(String sourcedId, String userSourcedId, String orgSourcedId, String role) {
        return new Builder("oneroster.role", sourcedId).with("userSourcedId", userSourcedId)
                .with("orgSourcedId", orgSourcedId).with("role", role).with("roleType", "primary");
    }

    /** A CTE class at a school in a term, its subject naming the division. */
    public static Builder cteClass(String sourcedId, String schoolSourcedId, String termSourcedId, String subject) {
        Builder builder = new Builder("oneroster.class", sourcedId).with("title", subject + " I").with("classType", "scheduled")
                .ref("school", schoolSourcedId, "org").ref("course", "course-" + sourcedId, "course");
        builder.node.set("terms", json.createArrayNode().add(guidRef(termSourcedId, "academicSession")));
        builder.node.set("subjects", json.createArrayNode().add(subject));
        return builder;
    }

    public static Builder enrollment(String sourcedId, String userSourcedId, String classSourcedId, String schoolSourcedId,
                                     String role) {
        return new Builder("oneroster.enrollment", sourcedId).with("role", role).with("primary", "teacher".equals(role))
                .ref("user", userSourcedId, "user").ref("class", classSourcedId, "class").ref("school", schoolSourcedId, "org");
    }

    /** Any record type, e.g. one CTIMS does not know. */
    public static Builder record(String ceType, String sourcedId) {
        return new Builder(ceType, sourcedId);
    }

    private static ObjectNode role(String role, String orgSourcedId) {
        ObjectNode node = json.createObjectNode().put("roleType", "primary").put("role", role);
        node.set("org", guidRef(orgSourcedId, "org"));
        return node;
    }

    private static ObjectNode guidRef(String sourcedId, String type) {
        return json.createObjectNode().put("href", "/ims/oneroster/rostering/v1p2/" + type + "s/" + sourcedId)
                .put("sourcedId", sourcedId).put("type", type);
    }

    /** One record: a type, a JSON object, and the envelope values an SIS would send. */
    public static final class Builder {

        private final String ceType;
        private final ObjectNode node = json.createObjectNode();

        Builder(String ceType, String sourcedId) {
            this.ceType = ceType;
            node.put("sourcedId", sourcedId).put("status", "active").put("dateLastModified", MODIFIED.toString());
            node.set("metadata", json.createObjectNode());
        }

        public Builder with(String field, Object value) {
            node.set(field, value instanceof JsonNode n ? n : json.valueToTree(value));
            return this;
        }

        public Builder without(String field) {
            node.remove(field);
            return this;
        }

        public Builder ref(String field, String sourcedId, String type) {
            node.set(field, guidRef(sourcedId, type));
            return this;
        }

        public Builder modified(Instant when) {
            return with("dateLastModified", when.toString());
        }

        public Builder deleted() {
            return with("status", "tobedeleted");
        }

        public Builder userIds(Map<String, String> idsByType) {
            ArrayNode ids = json.createArrayNode();
            idsByType.forEach((type, id) -> ids.add(json.createObjectNode().put("type", type).put("identifier", id)));
            node.set("userIds", ids);
            return this;
        }

        public Builder grades(String... grades) {
            node.set("grades", json.valueToTree(List.of(grades)));
            return this;
        }

        public Builder subjects(String... subjects) {
            node.set("subjects", json.valueToTree(List.of(subjects)));
            return this;
        }

        public String ceType() {
            return ceType;
        }

        public String sourcedId() {
            return node.path("sourcedId").asString();
        }

        /** The record key an SIS sends, {@code <type>:<sourcedId>}. */
        public String key() {
            return ceType.substring("oneroster.".length()) + ":" + sourcedId();
        }

        public byte[] bytes() {
            return json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        }
    }
}
