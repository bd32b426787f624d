package org.ctims.roster.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.ctims.roster.EventSchemas;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The events as Jackson writes them satisfy the published schemas, and the schemas do catch bad payloads. */
class EnrollmentEventSchemaTests {

    final JsonMapper json = JsonMapper.shared();

    EnrollmentFacts facts() {
        return new EnrollmentFacts("/sis/d7", "e-1", "1234567890", "Stu", "Dent", LocalDate.of(2001, 2, 3), "female", 12,
                "stu@example.org", "10001", "Sample High School", "700001", "Alice Adams", "Business and Marketing",
                "2018-2019", "c-1");
    }

    JsonNode payload(EnrollmentFacts facts, String change) {
        return json.valueToTree(EnrollmentEvent.of(facts, change));
    }

    @Test
    void recordedAndRemovedEventsMatchTheirSchemas() {
        assertThat(EventSchemas.violations(EnrollmentEvent.RECORDED, payload(facts(), "added"))).isEmpty();
        assertThat(EventSchemas.violations(EnrollmentEvent.RECORDED, payload(facts(), "changed"))).isEmpty();
        assertThat(EventSchemas.violations(EnrollmentEvent.REMOVED, payload(facts(), "removed"))).isEmpty();
    }

    @Test
    void aStudentWithoutDemographicsOrGradeStillMatches() {
        EnrollmentFacts f = facts();
        EnrollmentFacts bare = new EnrollmentFacts(f.sis(), f.sourcedId(), f.stn(), null, null, null, null, null, null,
                f.organizationPid(), f.organizationName(), f.teacherStaffId(), null, null, f.schoolYear(), null);
        assertThat(EventSchemas.violations(EnrollmentEvent.RECORDED, payload(bare, "added"))).isEmpty();
    }

    @Test
    void theSchemasRejectWhatConsumersCouldNotUse() {
        ObjectNode badStn = (ObjectNode) payload(facts(), "added");
        ((ObjectNode) badStn.get("student")).put("stn", "12345");
        assertThat(EventSchemas.violations(EnrollmentEvent.RECORDED, badStn)).isNotEmpty();

        assertThat(EventSchemas.violations(EnrollmentEvent.RECORDED, payload(facts(), "removed"))).isNotEmpty();

        ObjectNode noYear = (ObjectNode) payload(facts(), "added");
        noYear.remove("schoolYear");
        assertThat(EventSchemas.violations(EnrollmentEvent.RECORDED, noYear)).isNotEmpty();
    }

    @Test
    void theEnrollmentIdIsStablePerSisAndSourcedId() {
        assertThat(EnrollmentEvent.enrollmentId("/sis/a", "e-1")).isEqualTo(EnrollmentEvent.enrollmentId("/sis/a", "e-1"))
                .isNotEqualTo(EnrollmentEvent.enrollmentId("/sis/b", "e-1"));
    }
}
