package org.ctims.certification.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.ctims.certification.catalog.CatalogProperties;
import org.ctims.certification.catalog.InvalidRequestException;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.PayloadTooLargeException;
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
        if (file.getSize() > maxFileSize) {
            throw new PayloadTooLargeException(maxFileSize);
        }
        String fileName = fileName(file);
        Path copy = copy(file);
        try {
            if (dryRun) {
                return ResponseEntity.ok(bulkhead.run(() -> imports.preview(schoolYear, copy, fileName)));
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(bulkhead.run(() -> imports.commit(schoolYear, copy, fileName, user)));
        }
        finally {
            delete(copy);
        }
    }

    /** Committed imports, newest first. */
    @GetMapping
    List<CatalogImportView> list(@RequestParam(required = false) @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return log.list(year == null ? null : InvalidRequestException.schoolYear("year", year), limit);
    }

    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return "upload.xlsx";
        }
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static Path copy(MultipartFile file) {
        try {
            Path copy = Files.createTempFile("catalog-import-", ".xlsx");
            try (var in = file.getInputStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return copy;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path copy) {
        try {
            Files.deleteIfExists(copy);
        }
        catch (IOException e) {
            copy.toFile().deleteOnExit();
        }
    }
}
