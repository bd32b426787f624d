package org.ctims.certification.imports;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.ctims.certification.catalog.CatalogProperties;
import org.ctims.certification.catalog.InvalidRequestException;
import org.ctims.certification.catalog.SchoolYear;
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
 * changes nothing, lists invalid rows), otherwise it is committed (201) or refused (422).
 */
@RestController
@RequestMapping("/api/certifications/catalog-imports")
@PreAuthorize("hasRole('state-admin')")
class CatalogImportController {

    private static final String YEAR_FORMAT = "must look like 2018-2019";

    private final CatalogImportService imports;
    private final ImportLog log;
    private final ImportBulkhead bulkhead;
    private final long maxFileSize;

    CatalogImportController(CatalogImportService imports, ImportLog log, ImportBulkhead bulkhead,
                            CatalogProperties properties) {
        this.imports = imports;
        this.log = log;
        this.bulkhead = bulkhead;
        this.maxFileSize = properties.imports().maxFileSize().toBytes();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<ImportResult> upload(@RequestParam @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                                        @RequestParam(defaultValue = "false") boolean dryRun,
                                        @RequestPart("file") MultipartFile file, CurrentUser user) {
        SchoolYear schoolYear = InvalidRequestException.schoolYear("year", year);
        try (UploadedFile upload = UploadedFile.copy(file, maxFileSize, "upload.xlsx")) {
            if (dryRun) {
                return ResponseEntity.ok(bulkhead.run(() -> imports.preview(schoolYear, upload.path(), upload.name())));
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(bulkhead.run(() -> imports.commit(schoolYear, upload.path(), upload.name(), user)));
        }
    }

    /** Committed imports, newest first. */
    @GetMapping
    List<CatalogImportView> list(@RequestParam(required = false) @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return log.list(year == null ? null : InvalidRequestException.schoolYear("year", year), limit);
    }
}
