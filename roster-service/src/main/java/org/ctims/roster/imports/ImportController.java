package org.ctims.roster.imports;

import java.io.IOException;
import java.io.InputStream;

import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Upload of a OneRoster 1.2 CSV zip by schools without an SIS feed, by SIS clients, or by state
 * staff for a named SIS (its feed's records repaired or caught up from an export). Reading a zip
 * takes CPU and a connection for its whole run: one at a time per user and at most the bulkhead
 * {@code roster-uploads} at once, so uploads cannot starve the SIS feeds and the queries.
 */
@RestController
@RequestMapping("/api/roster/imports")
class ImportController {

    static final HeavyRequests.Kind UPLOADS = new HeavyRequests.Kind("roster-uploads", "roster upload");

    private final RosterImports imports;
    private final HeavyRequests heavy;

    ImportController(RosterImports imports, HeavyRequests heavy) {
        this.imports = imports;
        this.heavy = heavy;
    }

    /**
     * The zip in the multipart part {@code file}; answers the import report (counts and every
     * rejected row). State staff name the SIS in {@code sis}; nobody else may.
     */
    @PostMapping(consumes = "multipart/form-data")
    @PreAuthorize("hasAnyRole('sis-integration', 'school-admin', 'state-admin')")
    ImportReport upload(@RequestParam(required = false) String sis,
                        @RequestPart(name = "file", required = false) MultipartFile file, CurrentUser user) throws IOException {
        String namespace = imports.namespace(sis, user);
        if (file == null || file.isEmpty()) {
            throw new InvalidInputException("file", "Attach the OneRoster CSV zip in the part 'file'.");
        }
        try (HeavyRequests.Permit permit = heavy.enter(UPLOADS, user); InputStream in = file.getInputStream()) {
            return imports.importZip(in, namespace, user);
        }
    }
}
