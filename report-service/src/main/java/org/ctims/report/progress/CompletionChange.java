package org.ctims.report.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * A report version that replaced the stored one, with the completion flags before and after.
 *
 * @param savedAt when the report was saved (the event's {@code lastSavedAt})
 */
public record CompletionChange(UUID reportId, int version, String stn, String schoolYear, String organizationPid,
                               Instant savedAt, boolean followUpBefore, boolean followUpNow, boolean certificateBefore,
                               boolean certificateNow) {

    boolean changed() {
        return followUpBefore != followUpNow || certificateBefore != certificateNow;
    }

    boolean followUpCompleted() {
        return !followUpBefore && followUpNow;
    }
}
