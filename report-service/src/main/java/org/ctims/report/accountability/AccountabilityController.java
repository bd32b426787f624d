package org.ctims.report.accountability;

import org.ctims.platform.security.CurrentUser;
import org.ctims.report.export.Downloads;
import org.ctims.report.export.LimitedDownloads;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * 3S1 and 5S1 as JSON, {@code .xlsx} and {@code .pdf}: a school's for teachers and school administrators of that school, state
 * staff and report consumers (who also get the state's); other roles 403.
 */
@RestController
class AccountabilityController {

    private final AccountabilityReports reports;
    private final LimitedDownloads downloads;

    AccountabilityController(AccountabilityReports reports, LimitedDownloads downloads) {
        this.reports = reports;
        this.downloads = downloads;
    }

    @GetMapping("/api/reports/accountability")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    AccountabilityView school(@RequestParam(required = false) String org,
                              @RequestParam(required = false) String year, CurrentUser user) {
        return reports.school(org, year, user);
    }

    @GetMapping("/api/reports/accountability/state")
    @PreAuthorize("hasAnyRole('state-admin', 'report-consumer')")
    StateAccountabilityView state(@RequestParam(required = false) String year) {
        return reports.state(year);
    }

    @GetMapping("/api/reports/accountability.{format}")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    ResponseEntity<StreamingResponseBody> schoolFile(@PathVariable String format, @RequestParam(required = false) String org,
                                                     @RequestParam(required = false) String year, CurrentUser user) {
        return downloads.of(user, () -> Downloads.as(format, () -> AccountabilityDocuments.school(reports.school(org, year, user))));
    }

    @GetMapping("/api/reports/accountability/state.{format}")
    @PreAuthorize("hasAnyRole('state-admin', 'report-consumer')")
    ResponseEntity<StreamingResponseBody> stateFile(@PathVariable String format, @RequestParam(required = false) String year,
                                                    CurrentUser user) {
        return downloads.of(user, () -> Downloads.as(format, () -> AccountabilityDocuments.state(reports.state(year))));
    }
}
