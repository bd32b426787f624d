package org.ctims.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class AuditRecordTests {

    static AuditRecord entry(List<String> stns, String details) {
        return new AuditRecord(7, Instant.parse("2026-12-04T02:00:00.123456Z"), "sub-1", "teacher-a", List.of("teacher"),
                "followup.list", "10001", "2018-2019", stns, List.of(), details, 2, "198.51.100.7", "10.0.0.2", null,
                AuditRecord.GENESIS, null);
    }

    @Test
    void theHashIsTheSha256OfTheCanonicalFormAndChangesWithAnyField() {
        AuditRecord a = entry(List.of("1234567890", "1234567891"), "{\"q\":\"ri\"}");
        assertThat(a.computedHash()).hasSize(64).matches("[0-9a-f]{64}").isEqualTo(entry(a.stns(), a.details()).computedHash());
        assertThat(entry(List.of("1234567890"), a.details()).computedHash()).isNotEqualTo(a.computedHash());
        assertThat(entry(a.stns(), "{\"q\":\"rj\"}").computedHash()).isNotEqualTo(a.computedHash());
        AuditRecord otherPrevious = new AuditRecord(a.seq(), a.recordedAt(), a.subject(), a.username(), a.roles(), a.action(),
                a.organizationPid(), a.schoolYear(), a.stns(), a.recordIds(), a.details(), a.resultCount(), a.clientAddress(),
                a.peerAddress(), a.forwardedFor(), "1".repeat(64), null);
        assertThat(otherPrevious.computedHash()).isNotEqualTo(a.computedHash());
    }

    @Test
    void valuesCannotBeShiftedBetweenFieldsOrListElements() {
        // the same characters split differently must not give the same canonical form
        assertThat(entry(List.of("12345", "67890"), null).canonical()).isNotEqualTo(entry(List.of("1234567890"), null).canonical());
        assertThat(entry(List.of(), null).canonical()).isNotEqualTo(entry(List.of(), "").canonical());
        assertThat(entry(List.of("a\nstns:[0]"), null).canonical()).isNotEqualTo(entry(List.of("a", "stns:[0]"), null).canonical());
    }
}
