package org.ctims.report.readmodel;

import java.util.regex.Pattern;

import org.ctims.platform.SchoolYears;
import org.ctims.platform.events.CloudEvents;
import org.ctims.platform.events.RejectedEventException;
import org.springframework.messaging.Message;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading the consumed events tolerantly: unknown fields are ignored, but a field this service
 * needs that is missing or malformed rejects the event (to the dead-letter topic) rather than
 * letting a wrong row into a report.
 */
final class EventFields {

    static final Pattern STN = Pattern.compile("^\\d{10}$");
    static final Pattern PID = Pattern.compile("^\\d{1,20}$");
    private static final JsonMapper json = JsonMapper.shared();

    private EventFields() {
    }

    static String type(Message<?> message) {
        return CloudEvents.type(message).orElseThrow(() -> new RejectedEventException("The event has no ce_type"));
    }

    static JsonNode root(byte[] payload) {
        JsonNode root;
        try {
            root = json.readTree(payload);
        } catch (JacksonException e) {
            throw new RejectedEventException("The payload is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RejectedEventException("The payload is not a JSON object");
        }
        return root;
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject()) {
            throw new RejectedEventException(field + " is missing");
        }
        return value;
    }

    static String required(JsonNode node, String field) {
        String value = optional(node, field);
        if (value == null || value.isBlank()) {
            throw new RejectedEventException(field + " is missing");
        }
        return value;
    }

    static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new RejectedEventException(field + " is not text");
        }
        return value.asString();
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw new RejectedEventException(field + " is not true or false");
        }
        return value.asBoolean();
    }

    static Boolean optionalBool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new RejectedEventException(field + " is not true or false");
        }
        return value.asBoolean();
    }

    static Integer gradeOf(JsonNode node) {
        JsonNode g = node.get("grade");
        if (g == null || g.isNull()) {
            return null;
        }
        if (!g.isIntegralNumber() || g.asInt() < 1 || g.asInt() > 13) {
            throw new RejectedEventException("grade is not a grade");
        }
        return g.asInt();
    }

    static String schoolYearOf(JsonNode node) {
        String year = required(node, "schoolYear");
        if (!SchoolYears.isSchoolYear(year)) {
            throw new RejectedEventException("schoolYear '" + year + "' is not like 2018-2019");
        }
        return year;
    }

    static String matching(JsonNode node, String field, Pattern pattern) {
        String value = required(node, field);
        if (!pattern.matcher(value).matches()) {
            throw new RejectedEventException(field + " is malformed");
        }
        return value;
    }

    static java.util.UUID uuid(JsonNode node, String field) {
        try {
            return java.util.UUID.fromString(required(node, field));
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException(field + " is not a UUID");
        }
    }
}
