package org.ctims.certification.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event contract without a broker: the example payloads consumers test against, and what
 * the event records serialize to, match the JSON Schemas; the schemas reject what they must.
 */
class EventSchemasTests {

    private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theExamplesMatchTheirSchemas() throws IOException {
        for (String type : List.of("assessment-published.v1", "assessment-retired.v1", "cluster-published.v1",
                "cluster-retired.v1")) {
            try (InputStream example = resource("/events/examples/" + type + ".json")) {
                assertThat(schema(type).validate(json.readTree(example))).as(type).isEmpty();
            }
        }
    }

    @Test
    void theEventRecordsSerializeToTheirSchemas() throws IOException {
        Instant at = Instant.parse("2026-11-29T09:00:00.123456Z");
        assertValid("assessment-published.v1",
                new AssessmentPublished("2018-2019", "7503", "Early Childhood Education", null, null, List.of("ED", "HU")));
        assertValid("assessment-retired.v1",
                new AssessmentRetired("2018-2019", "7503", "Early Childhood Education", "Pre-Pac", "n", List.of("ED"), at));
        assertValid("cluster-published.v1", new ClusterPublished("2018-2019", "ED", "Education & Training"));
        assertValid("cluster-retired.v1", new ClusterRetired("2018-2019", "EN", "Energy", at));
    }

    @Test
    void theSchemasRejectPayloadsWithoutTheirFacts() throws IOException {
        assertThat(schema("assessment-published.v1").validate(json.readTree("""
                {"schoolYear": "2018", "number": "7503", "name": "x", "clusters": []}"""))).hasSize(2);
        assertThat(schema("assessment-retired.v1").validate(json.readTree("""
                {"schoolYear": "2018-2019", "number": "7503", "name": "x", "clusters": ["ED"]}"""))).hasSize(1);
        assertThat(schema("cluster-published.v1").validate(json.readTree("""
                {"schoolYear": "2018-2019", "code": "ed", "name": "Education"}"""))).hasSize(1);
    }

    private void assertValid(String type, Object event) throws IOException {
        JsonNode payload = json.valueToTree(event);
        assertThat(schema(type).validate(payload)).as(type + ": " + payload).isEmpty();
    }

    private static Schema schema(String type) throws IOException {
        try (InputStream in = resource("/events/" + type + ".schema.json")) {
            return registry.getSchema(in);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = EventSchemasTests.class.getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }
}
