package org.ctims.report.readmodel;

import java.time.Instant;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** State staff drop the read models and replay the topics (README "Rebuild"). */
@RestController
class RebuildController {

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** The replay has started when this answers; the figures are complete once it caught up. */
    record Rebuilt(Instant replayStartedAt) {
    }

    @PostMapping("/api/reports/read-models/rebuild")
    @PreAuthorize("hasRole('state-admin')")
    Rebuilt rebuild() {
        return new Rebuilt(rebuild.run());
    }
}
