package org.ctims.report.readmodel;

import org.ctims.platform.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** State staff drop the read models and replay the topics, and follow the replay (README "Rebuild"). */
@RestController
class RebuildController {

    private final Rebuild rebuild;

    RebuildController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** Answers once the replay has started (409 {@code rebuild-running} while another one runs). */
    @PostMapping("/api/reports/read-models/rebuild")
    @PreAuthorize("hasRole('state-admin')")
    Rebuild.Status rebuild(CurrentUser user) {
        return rebuild.start(user.username());
    }

    @GetMapping("/api/reports/read-models/rebuild")
    @PreAuthorize("hasRole('state-admin')")
    Rebuild.Status status() {
        return rebuild.status();
    }
}
