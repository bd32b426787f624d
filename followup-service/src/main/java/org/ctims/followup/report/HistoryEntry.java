package org.ctims.followup.report;

import java.time.Instant;

/**
 * One changed answer in a report's history.
 *
 * @param version the report version the save produced
 * @param changedBy the sign-in name of who saved
 */
public record HistoryEntry(int version, String changedBy, String changedByName, Instant changedAt, String field,
                           String from, String to) {
}
