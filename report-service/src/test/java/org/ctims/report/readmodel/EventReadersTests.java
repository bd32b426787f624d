package org.ctims.report.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.ctims.platform.events.RejectedEventException;
import org.ctims.report.ProducerSchemas;
import org.ctims.report.Samples;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What the three tolerant readers accept, and what they reject to the dead-letter topic. */
class EventReadersTests {

    static final JsonMapper json = JsonMapper.shared();
    static final String RECORDED = "ctims.roster.enrollment-recorded.v1";
    static final String SAVED = "ctims.followup.report-saved.v1";
    static final String PUBLISHED = "ctims.certification.assessment-published.v1";

    static byte[] checked(String type, Map<String, Object> payload) {
        assertThat(ProducerSchemas.violations(type, json.valueToTree(payload))).as("sample against %s", type).isEmpty();
        return json.writeValueAsBytes(payload);
    }

    @Test
    void anEnrollmentIsReadWithItsGradeTeacherAndDivision() {
        UUID id = UUID.randomUUID();
        EnrollmentEvent e = EnrollmentEvent.parse(RECORDED,
                checked(RECORDED, Samples.enrollment(id, "2018-2019", "1234567890", 12, "10001", "700001", "Business")));
        assertThat(e).isEqualTo(new EnrollmentEvent(id, false, "2018-2019", "1234567890", "Jamie", "Rivera",
                java.time.LocalDate.of(2001, 2, 3), "female", 12, null, "10001", "Sample High School", "700001",
                "Alice Adams", "Business"));
    }

    @Test
    void aRemovalCarriesTheSameFacts() {
        String type = "ctims.roster.enrollment-removed.v1";
        Map<String, Object> payload = Samples.enrollment(UUID.randomUUID(), "2018-2019", "1234567890", null, "10001", "700001", null);
        payload.put("change", "removed");
        EnrollmentEvent e = EnrollmentEvent.parse(type, checked(type, payload));
        assertThat(e.removed()).isTrue();
        assertThat(e.grade()).isNull();
    }

    @Test
    void invalidEnrollmentsAreRejected() {
        Map<String, Object> badStn = Samples.enrollment(UUID.randomUUID(), "2018-2019", "12345", 12, "10001", "700001", null);
        Map<String, Object> badYear = Samples.enrollment(UUID.randomUUID(), "2018-2020", "1234567890", 12, "10001", "700001", null);
        assertThatThrownBy(() -> EnrollmentEvent.parse(RECORDED, json.writeValueAsBytes(badStn)))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("stn");
        assertThatThrownBy(() -> EnrollmentEvent.parse(RECORDED, json.writeValueAsBytes(badYear)))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("schoolYear");
        assertThatThrownBy(() -> EnrollmentEvent.parse(RECORDED, "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedEventException.class);
        assertThatThrownBy(() -> EnrollmentEvent.parse("ctims.roster.something-else.v1", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("Unknown event type");
    }

    @Test
    void aSavedReportIsReadWithItsAnswersAndCertifications() {
        UUID id = UUID.randomUUID();
        ReportEvent r = ReportEvent.parse(SAVED, checked(SAVED, Samples.reportSaved(id, 3, "1234567890", "2018-2019",
                "10001", 12, false, "not-attending", "employed-full-time-civilian", true,
                new String[] {"7503", "ED", "passed"}, new String[] {"1234", null, null}))).orElseThrow();
        assertThat(r.reportId()).isEqualTo(id);
        assertThat(r.version()).isEqualTo(3);
        assertThat(r.grade()).isEqualTo(12);
        assertThat(r.educationStatus()).isEqualTo("not-attending");
        assertThat(r.employmentStatus()).isEqualTo("employed-full-time-civilian");
        assertThat(r.followUpComplete()).isTrue();
        assertThat(r.savedBy()).isEqualTo("teacher-a");
        assertThat(r.certifications()).containsExactly(new ReportEvent.Certification("7503", "ED", "passed"),
                new ReportEvent.Certification("1234", null, null));
    }

    @Test
    void flagEventsAreAcceptedButCarryNothingNew() {
        assertThat(ReportEvent.parse("ctims.followup.follow-up-completed.v1", new byte[0])).isEmpty();
    }

    @Test
    void invalidReportsAreRejected() {
        Map<String, Object> unknownCode = Samples.reportSaved(UUID.randomUUID(), 1, "1234567890", "2018-2019", "10001",
                12, false, "on-the-moon", null, false);
        Map<String, Object> noVersion = Samples.reportSaved(UUID.randomUUID(), 1, "1234567890", "2018-2019", "10001",
                12, false, null, null, false);
        noVersion.remove("version");
        Map<String, Object> badResult = Samples.reportSaved(UUID.randomUUID(), 1, "1234567890", "2018-2019", "10001",
                12, false, null, null, false, new String[] {"7503", "ED", "aced-it"});
        for (Map<String, Object> bad : List.of(unknownCode, noVersion, badResult)) {
            assertThatThrownBy(() -> ReportEvent.parse(SAVED, json.writeValueAsBytes(bad)))
                    .isInstanceOf(RejectedEventException.class);
        }
        assertThatThrownBy(() -> ReportEvent.parse("ctims.followup.report-deleted.v1", new byte[0]))
                .isInstanceOf(RejectedEventException.class);
    }

    @Test
    void assessmentsAndClustersAreRead() {
        CatalogEvent a = CatalogEvent.parse(PUBLISHED,
                checked(PUBLISHED, Samples.assessment("2018-2019", "7503", "Early Childhood", List.of("ED", "HU"))));
        assertThat(a).isEqualTo(new CatalogEvent.Assessment("2018-2019", "7503", "Early Childhood", "Vendor",
                List.of("ED", "HU"), false));
        String retired = "ctims.certification.cluster-retired.v1";
        Map<String, Object> cluster = new java.util.HashMap<>(Samples.cluster("2018-2019", "ED", "Education & Training"));
        cluster.put("retiredAt", "2019-01-01T00:00:00Z");
        assertThat(CatalogEvent.parse(retired, checked(retired, cluster)))
                .isEqualTo(new CatalogEvent.Cluster("2018-2019", "ED", "Education & Training", true));
    }

    @Test
    void anAssessmentWithoutClustersIsRejected() {
        byte[] payload = json.writeValueAsBytes(Samples.assessment("2018-2019", "7503", "Early Childhood", List.of()));
        assertThatThrownBy(() -> CatalogEvent.parse(PUBLISHED, payload))
                .isInstanceOf(RejectedEventException.class).hasMessageContaining("clusters");
    }
}
