package org.ctims.followup.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ctims.platform.events.RejectedEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What this service reads of an event on {@code certification.catalog.v1} (schemas in
 * certification-service/src/main/resources/events/); unknown fields are ignored.
 */
sealed interface CatalogEvent {

    String ASSESSMENT_PUBLISHED = "ctims.certification.assessment-published.v1";
    String ASSESSMENT_RETIRED = "ctims.certification.assessment-retired.v1";
    String CLUSTER_PUBLISHED = "ctims.certification.cluster-published.v1";
    String CLUSTER_RETIRED = "ctims.certification.cluster-retired.v1";

    String schoolYear();

    record Assessment(String schoolYear, String number, String name, List<String> clusters, boolean retired)
            implements CatalogEvent {
    }

    record Cluster(String schoolYear, String code, String name, boolean retired) implements CatalogEvent {
    }

    static CatalogEvent parse(String type, byte[] payload) {
        JsonNode root = Parsing.object(payload);
        String year = Parsing.text(root, "schoolYear", Parsing.YEAR);
        return switch (type == null ? "" : type) {
            case ASSESSMENT_PUBLISHED, ASSESSMENT_RETIRED -> {
                boolean retired = ASSESSMENT_RETIRED.equals(type);
                List<String> clusters = Parsing.codes(root);
                if (clusters.isEmpty() && !retired) {
                    throw new RejectedEventException("clusters is empty");
                }
                yield new Assessment(year, Parsing.text(root, "number", Parsing.NUMBER),
                        Parsing.text(root, "name", Parsing.ANY), clusters, retired);
            }
            case CLUSTER_PUBLISHED, CLUSTER_RETIRED -> new Cluster(year, Parsing.text(root, "code", Parsing.CODE),
                    Parsing.text(root, "name", Parsing.ANY), CLUSTER_RETIRED.equals(type));
            default -> throw new RejectedEventException("Unknown event type '" + type + "' on the catalog topic");
        };
    }

    final class Parsing {
        static final Pattern YEAR = Pattern.compile("^\\d{4}-\\d{4}$");
        static final Pattern NUMBER = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9.\\-]{0,19}$");
        static final Pattern CODE = Pattern.compile("^[A-Z0-9]{1,8}$");
        static final Pattern ANY = Pattern.compile("(?s)^.{1,300}$");
        private static final JsonMapper json = JsonMapper.shared();

        private Parsing() {
        }

        static JsonNode object(byte[] payload) {
            try {
                JsonNode root = json.readTree(payload);
                if (root == null || !root.isObject()) {
                    throw new RejectedEventException("The payload is not a JSON object");
                }
                return root;
            } catch (JacksonException e) {
                throw new RejectedEventException("The payload is not JSON");
            }
        }

        static String text(JsonNode node, String field, Pattern pattern) {
            JsonNode value = node.get(field);
            if (value == null || !value.isString() || !pattern.matcher(value.asString()).matches()) {
                throw new RejectedEventException(field + " is missing or malformed");
            }
            return value.asString();
        }

        static List<String> codes(JsonNode root) {
            JsonNode value = root.get("clusters");
            if (value == null || !value.isArray()) {
                throw new RejectedEventException("clusters is missing");
            }
            List<String> codes = new ArrayList<>();
            for (JsonNode code : value) {
                if (!code.isString() || !CODE.matcher(code.asString()).matches()) {
                    throw new RejectedEventException("clusters has a malformed code");
                }
                codes.add(code.asString());
            }
            return codes;
        }
    }
}
