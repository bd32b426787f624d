package org.ctims.certification.search;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.ctims.certification.catalog.CareerCluster;
import org.ctims.certification.catalog.CatalogRepository;
import org.ctims.certification.catalog.InvalidRequestException;
import org.ctims.certification.catalog.SchoolYear;
import org.ctims.platform.web.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading the catalog: any signed-in user (teachers pick assessments from it). */
@RestController
@RequestMapping("/api/certifications")
class CatalogQueryController {

    private static final String YEAR_FORMAT = "must look like 2018-2019";

    private final AssessmentSearch search;
    private final CatalogRepository catalog;

    CatalogQueryController(AssessmentSearch search, CatalogRepository catalog) {
        this.search = search;
        this.catalog = catalog;
    }

    /** Assessments of a year's current list matching {@code q} (a number prefix or words of the name), best first. */
    @GetMapping("/assessments")
    SearchResults search(@RequestParam @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                         @RequestParam(required = false, defaultValue = "") @Size(max = 100) String q,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(50) int limit) {
        SchoolYear schoolYear = InvalidRequestException.schoolYear("year", year);
        return new SearchResults(schoolYear.value(), q, search.search(schoolYear, q, limit));
    }

    /** One assessment of a year, also when it has been retired from the list. */
    @GetMapping("/assessments/{year}/{number}")
    AssessmentView assessment(@PathVariable @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year,
                              @PathVariable @Size(max = 20) String number) {
        SchoolYear schoolYear = InvalidRequestException.schoolYear("year", year);
        return catalog.assessment(schoolYear, number)
                .map(a -> AssessmentView.of(a, clustersByCode(schoolYear)))
                .orElseThrow(() -> new NotFoundException("assessment " + number + " of " + schoolYear));
    }

    /** The career clusters of a year. */
    @GetMapping("/clusters")
    List<ClusterView> clusters(@RequestParam @Pattern(regexp = SchoolYear.PATTERN, message = YEAR_FORMAT) String year) {
        SchoolYear schoolYear = InvalidRequestException.schoolYear("year", year);
        if (catalog.version(schoolYear).isEmpty()) {
            throw AssessmentSearch.unknownYear(schoolYear);
        }
        return catalog.clusters(schoolYear).stream().map(ClusterView::of).toList();
    }

    private Map<String, CareerCluster> clustersByCode(SchoolYear year) {
        return catalog.clusters(year).stream().collect(Collectors.toMap(CareerCluster::code, Function.identity()));
    }
}
