package org.ctims.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/** The producers' own schema files in the repository, to keep the tests' sample events honest. */
public final class ProducerSchemas {

    private static final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private ProducerSchemas() {
    }

    /** e.g. {@code ctims.roster.enrollment-recorded.v1} → roster-service/src/main/resources/events/enrollment-recorded.v1.schema.json */
    public static List<String> violations(String type, JsonNode payload) {
        String[] parts = type.split("\\.", 3); // ctims, service, event
        Path file = Path.of("..", parts[1] + "-service", "src", "main", "resources", "events", parts[2] + ".schema.json");
        try (InputStream in = Files.newInputStream(file)) {
            return registry.getSchema(in).validate(payload).stream().map(Error::toString).toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath(), e);
        }
    }
}
