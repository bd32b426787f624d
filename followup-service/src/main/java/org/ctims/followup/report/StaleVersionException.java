package org.ctims.followup.report;

import org.ctims.platform.web.ConflictException;

/** The caller saved a version that is no longer current: someone else saved in between. */
class StaleVersionException extends ConflictException {

    private final int currentVersion;

    StaleVersionException(int currentVersion) {
        super("stale-version", "The report was saved by someone else in the meantime (now version " + currentVersion
                + "). Reload it, re-apply your changes and save again.");
        this.currentVersion = currentVersion;
    }

    int currentVersion() {
        return currentVersion;
    }
}
