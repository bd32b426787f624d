package org.ctims.followup.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.ctims.platform.events.RejectedEventException;
import org.junit.jupiter.api.Test;

class EnrollmentEventTests {

    static final String SAMPLE = """
            { "enrollmentId": "5b0e2c1a-1111-4222-8333-944455556666", "change": "added", "schoolYear": "2018-2019",
              "student": { "stn": "1234567890", "givenName": "Jamie", "familyName": "Rivera",
                           "birthDate": "2001-02-03", "gender": "female", "grade": 12, "email": null, "future": 1 },
              "organization": { "pid": "10001", "name": "Sample High School" },
              "teacher": { "staffId": "700001", "name": "Alice Adams" },
              "division": "Business and Marketing",
              "source": { "sis": "/sis/district-7", "sourcedId": "e-u1", "classSourcedId": "c-1" } }""";

    static EnrollmentEvent parse(String type, String json) {
        return EnrollmentEvent.parse(type, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheRostersEventAndIgnoresUnknownFields() {
        EnrollmentEvent e = parse(EnrollmentEvent.RECORDED, SAMPLE);
        assertThat(e.removed()).isFalse();
        assertThat(e.stn()).isEqualTo("1234567890");
        assertThat(e.grade()).isEqualTo(12);
        assertThat(e.birthDate()).isEqualTo(LocalDate.of(2001, 2, 3));
        assertThat(e.email()).isNull();
        assertThat(e.organizationPid()).isEqualTo("10001");
        assertThat(e.teacherStaffId()).isEqualTo("700001");
        assertThat(e.division()).isEqualTo("Business and Marketing");
        assertThat(parse(EnrollmentEvent.REMOVED, SAMPLE).removed()).isTrue();
    }

    @Test
    void refusesWhatAReportCannotBeMadeOf() {
        assertRejected("ctims.roster.something.v1", SAMPLE, "Unknown event type");
        assertRejected(EnrollmentEvent.RECORDED, "{nope", "not JSON");
        assertRejected(EnrollmentEvent.RECORDED, "[1]", "not a JSON object");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("5b0e2c1a-1111-4222-8333-944455556666", "e-1"), "enrollmentId");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("2018-2019", "2018-2020"), "schoolYear");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("1234567890", "12345"), "stn");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("2001-02-03", "2001-02-30"), "birthDate");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("\"grade\": 12", "\"grade\": 14"), "grade");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("\"10001\"", "\"S-1\""), "pid");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("\"700001\"", "null"), "staffId");
        assertRejected(EnrollmentEvent.RECORDED, SAMPLE.replace("\"student\":", "\"pupil\":"), "student");
    }

    private static void assertRejected(String type, String json, String reason) {
        assertThatThrownBy(() -> parse(type, json)).isInstanceOf(RejectedEventException.class).hasMessageContaining(reason);
    }
}
