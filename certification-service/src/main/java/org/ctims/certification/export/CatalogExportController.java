package org.ctims.certification.export;

import java.util.List;

import jakarta.validation.constraints.Pattern;
import org.ctims.certification.catalog.Assessment;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.CatalogRepository;
import org.ctims.certification.catalog.InvalidRequestException;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.platform.web.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** A year's current list as .xlsx, for any signed-in user: {@code GET /api/certifications/catalog-exports/{year}}. */
@RestController
class CatalogExportController {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final CatalogRepository catalog;

    CatalogExportController(CatalogRepository catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/certifications/catalog-exports/{year}")
    ResponseEntity<StreamingResponseBody> export(
            @PathVariable @Pattern(regexp = SchoolYear.PATTERN, message = "must look like 2018-2019") String year) {
        SchoolYear schoolYear = InvalidRequestException.schoolYear("year", year);
        if (catalog.version(schoolYear).isEmpty()) {
            throw new NotFoundException("school year " + schoolYear);
        }
        // read before streaming, so a database error is still a problem-details answer
        List<Assessment> assessments = catalog.currentAssessments(schoolYear);
        List<CareerCluster> clusters = catalog.clusters(schoolYear);
        StreamingResponseBody body = out -> CatalogExporter.write(assessments, clusters, out);
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("ApprovedAssessmentsList_" + schoolYear + ".xlsx").build().toString())
                .body(body);
    }
}
