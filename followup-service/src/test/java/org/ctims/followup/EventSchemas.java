package org.ctims.followup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schemas: this service's own (src/main/resources/events/) to check what it emits, and the
 * producers' files in the repository to check the sample events the tests publish.
 */
final class EventSchemas {

    private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventSchemas() {
    }

    /** Violations of {@code payload} against our schema of {@code eventType}, e.g. {@code ctims.followup.report-saved.v1}. */
    static List<String> violations(String eventType, JsonNode payload) {
        String file = "/events/" + eventType.substring("ctims.followup.".length()) + ".schema.json";
        try (InputStream in = EventSchemas.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("No schema " + file);
            }
            return validate(registry.getSchema(in), payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Violations against a producer's schema file, e.g. {@code roster-service/src/main/resources/events/enrollment-recorded.v1.schema.json}. */
    static List<String> producerViolations(String pathFromRepositoryRoot, JsonNode payload) {
        Path file = Path.of("..").resolve(pathFromRepositoryRoot);
        try (InputStream in = Files.newInputStream(file)) {
            return validate(registry.getSchema(in), payload);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath(), e);
        }
    }

    private static List<String> validate(Schema schema, JsonNode payload) {
        return schema.validate(payload).stream().map(Error::toString).toList();
    }
}
