package org.ctims.roster.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a row of a OneRoster 1.2 CSV file into the JSON of the REST binding, so that uploads are
 * validated and applied by exactly the same rules as records on Kafka: {@code xSourcedId} columns
 * become GUIDRefs, list columns ({@code grades}, {@code subjects}, {@code termSourcedIds}) arrays,
 * {@code userIds} ({@code {type:id},{type:id}}) objects, and a user gets its roles from roles.csv.
 */
final class CsvRows {

    private static final JsonMapper json = JsonMapper.shared();

    private CsvRows() {
    }

    static ObjectNode toJson(String file, Map<String, String> row, List<Map<String, String>> rolesOfUser) {
        ObjectNode node = json.createObjectNode();
        row.forEach((column, value) -> {
            if (value != null && !value.isBlank()) {
                node.put(column, value.trim());
            }
        });
        switch (file) {
            case "orgs.csv" -> ref(node, "parentSourcedId", "parent");
            case "users.csv" -> {
                list(node, "grades");
                userIds(node);
                ref(node, "primaryOrgSourcedId", "primaryOrg");
                ArrayNode roles = json.createArrayNode();
                for (Map<String, String> role : rolesOfUser) {
                    ObjectNode r = roles.addObject().put("role", role.getOrDefault("role", "")).put("roleType", role.getOrDefault("roleType", ""));
                    r.putObject("org").put("sourcedId", role.getOrDefault("orgSourcedId", ""));
                }
                if (!roles.isEmpty()) {
                    node.set("roles", roles);
                }
            }
            case "classes.csv" -> {
                ref(node, "schoolSourcedId", "school");
                ref(node, "courseSourcedId", "course");
                list(node, "subjects");
                list(node, "grades");
                String terms = node.path("termSourcedIds").asString(null);
                if (terms != null) {
                    ArrayNode refs = json.createArrayNode();
                    split(terms).forEach(term -> refs.addObject().put("sourcedId", term));
                    node.set("terms", refs);
                }
            }
            case "enrollments.csv" -> {
                ref(node, "classSourcedId", "class");
                ref(node, "schoolSourcedId", "school");
                ref(node, "userSourcedId", "user");
            }
            default -> {
            }
        }
        return node;
    }

    private static void ref(ObjectNode node, String column, String field) {
        String value = node.path(column).asString(null);
        if (value != null) {
            node.putObject(field).put("sourcedId", value);
        }
    }

    private static void list(ObjectNode node, String column) {
        String value = node.path(column).asString(null);
        if (value != null) {
            ArrayNode array = json.createArrayNode();
            split(value).forEach(array::add);
            node.set(column, array);
        }
    }

    /** {@code {STN:1234567890},{FED:19051}} → [{type: STN, identifier: ...}, ...]. */
    private static void userIds(ObjectNode node) {
        String value = node.path("userIds").asString(null);
        if (value == null) {
            return;
        }
        ArrayNode ids = json.createArrayNode();
        for (String part : split(value)) {
            String id = part.replace("{", "").replace("}", "");
            int colon = id.indexOf(':');
            if (colon > 0) {
                ids.addObject().put("type", id.substring(0, colon).trim()).put("identifier", id.substring(colon + 1).trim());
            }
        }
        node.set("userIds", ids);
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }
}
