package org.ctims.roster.rejection;

import java.time.Instant;

/** A student enrollment that has waited longer than allowed for what it refers to. */
public record UnresolvedView(String sis, String enrollmentSourcedId, String schoolPid, String schoolSourcedId,
                             String waitingFor, Instant since) {
}
