package org.ctims.roster;

import java.io.InputStream;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/** The producer's own JSON Schemas (src/main/resources/events/), to check what the service emits. */
public final class EventSchemas {

    private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {
    }

    /** The schema of an event type, e.g. {@code ctims.roster.enrollment-recorded.v1}. */
    public static Schema of(String eventType) {
        String file = "/events/" + eventType.substring("ctims.roster.".length()) + ".schema.json";
        try (InputStream in = EventSchemas.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("No schema " + file);
            }
            return registry.getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> violations(String eventType, JsonNode payload) {
        return of(eventType).validate(payload).stream().map(Error::toString).toList();
    }
}
