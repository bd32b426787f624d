package org.ctims.followup.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.ctims.platform.events.RejectedEventException;
import org.junit.jupiter.api.Test;

class CatalogEventTests {

    static CatalogEvent parse(String type, String json) {
        return CatalogEvent.parse(type, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsAssessmentsAndClusters() {
        String assessment = """
                {"schoolYear": "2018-2019", "number": "7503", "name": "Early Childhood Education (Pre-Pac)",
                 "vendor": null, "notes": null, "clusters": ["ED"], "somethingNew": true}""";
        assertThat(parse(CatalogEvent.ASSESSMENT_PUBLISHED, assessment))
                .isEqualTo(new CatalogEvent.Assessment("2018-2019", "7503", "Early Childhood Education (Pre-Pac)", List.of("ED"), false));
        assertThat(parse(CatalogEvent.ASSESSMENT_RETIRED, assessment.replace("[\"ED\"]", "[]")))
                .isEqualTo(new CatalogEvent.Assessment("2018-2019", "7503", "Early Childhood Education (Pre-Pac)", List.of(), true));
        assertThat(parse(CatalogEvent.CLUSTER_RETIRED, "{\"schoolYear\": \"2018-2019\", \"code\": \"ED\", \"name\": \"Education & Training\"}"))
                .isEqualTo(new CatalogEvent.Cluster("2018-2019", "ED", "Education & Training", true));
    }

    @Test
    void refusesMalformedEvents() {
        assertRejected(CatalogEvent.ASSESSMENT_PUBLISHED, "{\"schoolYear\": \"2018-2019\", \"number\": \"7\", \"name\": \"x\", \"clusters\": []}", "clusters");
        assertRejected(CatalogEvent.ASSESSMENT_PUBLISHED, "{\"schoolYear\": \"2018\", \"number\": \"7\", \"name\": \"x\", \"clusters\": [\"ED\"]}", "schoolYear");
        assertRejected(CatalogEvent.ASSESSMENT_PUBLISHED, "{\"schoolYear\": \"2018-2019\", \"number\": \"7\", \"name\": \"x\", \"clusters\": [\"ed\"]}", "clusters");
        assertRejected(CatalogEvent.CLUSTER_PUBLISHED, "{\"schoolYear\": \"2018-2019\", \"name\": \"x\"}", "code");
        assertRejected("ctims.certification.other.v1", "{\"schoolYear\": \"2018-2019\"}", "Unknown event type");
        assertRejected(CatalogEvent.CLUSTER_PUBLISHED, "not json", "not JSON");
    }

    private static void assertRejected(String type, String json, String reason) {
        assertThatThrownBy(() -> parse(type, json)).isInstanceOf(RejectedEventException.class).hasMessageContaining(reason);
    }
}
