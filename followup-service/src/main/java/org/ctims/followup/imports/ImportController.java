package org.ctims.followup.imports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletResponse;
import org.ctims.platform.SchoolYears;
import org.ctims.followup.limits.WorkbookRequests;
import org.ctims.platform.limits.HeavyRequests;
import org.ctims.followup.report.ReportDrafts;
import org.ctims.followup.report.ReportView;
import org.ctims.platform.audit.AuditEntry;
import org.ctims.platform.audit.AuditLog;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;
import org.ctims.platform.web.UploadedFile;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Bulk entry of answers from a spreadsheet, for schools that collect them by survey: the
 * template pre-filled with the caller's students, and the upload ({@code dryRun=true}: preview,
 * otherwise commit). Only teachers and school admins, for the students whose reports they may
 * save; state staff are refused (403) like on a save.
 */
@RestController
@RequestMapping("/api/followups/imports")
@EnableConfigurationProperties(ImportProperties.class)
class ImportController {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");

    private final ImportService imports;
    private final ReportDrafts drafts;
    private final HeavyRequests heavy;
    private final ImportProperties properties;
    private final AuditLog audit;

    ImportController(ImportService imports, ReportDrafts drafts, HeavyRequests heavy, ImportProperties properties,
                     AuditLog audit) {
        this.imports = imports;
        this.drafts = drafts;
        this.heavy = heavy;
        this.properties = properties;
        this.audit = audit;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult upload(@RequestParam(required = false) String org, @RequestParam(required = false) String year,
                        @RequestParam(defaultValue = "false") boolean dryRun, @RequestPart("file") MultipartFile file,
                        CurrentUser user) {
        checkRequest(org, year, user);
        try (UploadedFile upload = UploadedFile.copy(file, properties.maxFileSize().toBytes(), "upload.xlsx")) {
            ImportResult result = heavy.run(WorkbookRequests.IMPORTS, user, () -> imports.run(
                    new BulkFileReader(properties.maxRows()).read(upload.path()), upload.name(), org, year, !dryRun, user));
            // the rows of reports the caller may write: those the answer shows (each saved row has its own save entry)
            List<ImportResult.RowResult> shown = result.results().stream().filter(r -> r.reportId() != null).toList();
            audit.record(user, AuditEntry.of(dryRun ? "followup.import.preview" : "followup.import.commit")
                    .organization(org, year).students(shown.stream().map(ImportResult.RowResult::stn).toList())
                    .details(java.util.Map.of("file", result.fileName(), "rows", result.rows(), "changed", result.changed(),
                            "unchanged", result.unchanged(), "invalid", result.invalid()))
                    .count(shown.size()));
            return result;
        }
    }

    /** The template: every student whose report the caller may save, with the current answers. */
    @GetMapping("/template")
    void template(@RequestParam(required = false) String org, @RequestParam(required = false) String year, CurrentUser user,
                  HttpServletResponse response) {
        checkRequest(org, year, user);
        heavy.run(WorkbookRequests.EXPORTS, user, () -> {
            response.setContentType(XLSX);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("followup-entry-" + org + "-" + year + ".xlsx").build().toString());
            try {
                List<ReportView> students = drafts.writable(org, year, user);
                audit.record(user, AuditEntry.of("followup.import.template").organization(org, year)
                        .students(students.stream().map(ReportView::stn).toList()).count(students.size()));
                new ImportTemplate().write(students, response.getOutputStream());
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private static void checkRequest(String org, String year, CurrentUser user) {
        if (!ReportDrafts.writesReports(user)) {
            throw new AccessDeniedException("Only teachers and school administrators enter answers");
        }
        List<FieldViolation> errors = new ArrayList<>();
        if (org == null || !PID.matcher(org).matches()) {
            errors.add(new FieldViolation("org", "an organization PID (digits) is required"));
        }
        if (!SchoolYears.isSchoolYear(year)) {
            errors.add(new FieldViolation("year", "a school year like 2018-2019 is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The request has invalid parameters; nothing was changed.", errors);
        }
        user.requireOrganization(org);
    }
}
