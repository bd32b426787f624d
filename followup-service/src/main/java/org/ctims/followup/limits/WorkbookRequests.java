package org.ctims.followup.limits;

import org.ctims.platform.limits.HeavyRequests;

/** The follow-up service's heavy requests, each limited by its bulkhead in application.yml. */
public final class WorkbookRequests {

    /** List exports and import templates. */
    public static final HeavyRequests.Kind EXPORTS = new HeavyRequests.Kind("followup-exports", "spreadsheet download");
    /** Bulk-entry previews and commits. */
    public static final HeavyRequests.Kind IMPORTS = new HeavyRequests.Kind("followup-imports", "bulk-entry file");

    private WorkbookRequests() {
    }
}
