package org.ctims.report.summary;

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
 * The teacher and school summaries as JSON, {@code .xlsx} and {@code .pdf} (the same figures, the
 * same parameters and errors); who sees what: {@link Summaries}.
 */
@RestController
class SummaryController {

    private final Summaries summaries;
    private final LimitedDownloads downloads;

    SummaryController(Summaries summaries, LimitedDownloads downloads) {
        this.summaries = summaries;
        this.downloads = downloads;
    }

    @GetMapping("/api/reports/teacher-summary")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    Summaries.TeacherSummary teacherSummary(@RequestParam(required = false) String org,
                                            @RequestParam(required = false) String year,
                                            @RequestParam(required = false) String teacher, CurrentUser user) {
        return summaries.teacher(org, year, teacher, user);
    }

    @GetMapping("/api/reports/school-summary")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    Summaries.SchoolSummary schoolSummary(@RequestParam(required = false) String org,
                                          @RequestParam(required = false) String year, CurrentUser user) {
        return summaries.school(org, year, user);
    }

    @GetMapping("/api/reports/teacher-summary.{format}")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    ResponseEntity<StreamingResponseBody> teacherSummaryFile(@PathVariable String format,
                                                             @RequestParam(required = false) String org,
                                                             @RequestParam(required = false) String year,
                                                             @RequestParam(required = false) String teacher, CurrentUser user) {
        return downloads.of(user, () -> Downloads.as(format, () -> SummaryDocuments.teacher(summaries.teacher(org, year, teacher, user))));
    }

    @GetMapping("/api/reports/school-summary.{format}")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    ResponseEntity<StreamingResponseBody> schoolSummaryFile(@PathVariable String format,
                                                            @RequestParam(required = false) String org,
                                                            @RequestParam(required = false) String year, CurrentUser user) {
        return downloads.of(user, () -> Downloads.as(format, () -> SummaryDocuments.school(summaries.school(org, year, user))));
    }
}
