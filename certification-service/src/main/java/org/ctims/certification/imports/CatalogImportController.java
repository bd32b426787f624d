package org.ctims.certification.imports;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.ctims.certification.catalog.CatalogProperties;
import org.ctims.certification.catalog.InvalidRequestException;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.UploadedFile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * State staff upload a year's Approved Assessment List: {@code dryRun=true} previews it (200,
 * changes nothing, lists invalid rows), otherwise it is committed (201) or refused (422). Reading
 * a list file takes seconds of CPU: one at a time per user and at most the bulkhead
 * {@code catalog-imports} at once, so uploads cannot starve the searches teachers wait on.
 */
@RestController
@RequestMapping("/api/certifications/catalog-imports")
@PreAuthorize("hasRole('state-admin')")
class CatalogImportController {

    private static final String YEAR_FORMAT = "must look like 2018-2019";
    static final HeavyRequests.Kind IMPORTS = new HeavyRequests.Kind("catalog-imports", "list file");

    private final CatalogImportService imports;
    private final ImportLog log;
    private final HeavyRequests heavy;
    private final long maxFileSize;

    CatalogImportController(CatalogImportService imports, ImportLog log, HeavyRequests heavy,
                            CatalogProperties properties) {
        this.imports = imports;
        this.log = log;
        this.heavy = heavy;
        this.maxFileSize = properties.imports().maxFileSize().toBytes();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportResult> upload(@RequestParam @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                                        @RequestParam(defaultValue = "false") boolean dryRun,
                                        @RequestPart("file") MultipartFile file, CurrentUser user) {
        SchoolYear schoolYear = InvalidRequestException.schoolYear("year", year);
        try (UploadedFile upload = UploadedFile.copy(file, maxFileSize, "upload.xlsx")) {
            if (dryRun) {
                return ResponseEntity.ok(heavy.run(IMPORTS, user, () -> imports.preview(schoolYear, upload.path(), upload.name())));
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(heavy.run(IMPORTS, user, () -> imports.commit(schoolYear, upload.path(), upload.name(), user)));
        }
    }

    /** Committed imports, newest first. */
    @GetMapping
    List<CatalogImportView> list(@RequestParam(required = false) @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return log.list(year == null ? null : InvalidRequestException.schoolYear("year", year), limit);
    }
}
