package org.ctims.roster.rejection;

import java.time.Instant;

/** A rejected record as the API shows it. */
public record RejectionView(long id, String sis, String schoolPid, String schoolSourcedId, String recordType,
                            String recordKey, String reason, String payloadExcerpt, Instant rejectedAt) {
}
