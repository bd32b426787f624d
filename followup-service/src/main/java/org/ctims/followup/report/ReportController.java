package org.ctims.followup.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ctims.platform.SchoolYears;
import org.ctims.followup.limits.WorkbookRequests;
import org.ctims.platform.limits.HeavyRequests;
import org.ctims.platform.audit.AuditEntry;
import org.ctims.platform.audit.AuditLog;
import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.web.FieldViolation;
import org.ctims.platform.web.InvalidInputException;
import org.ctims.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The yearly student reports: the list, one report (ETag), saving it (If-Match), its history. */
@RestController
@RequestMapping("/api/followups")
class ReportController {

    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 500;
    /** The grades the follow-up covers (a report exists for students of grades 9 to 12). */
    static final int MIN_GRADE = 9;
    static final int MAX_GRADE = 12;
    /** As long as a staff id may be (the roster rejects a teacher's over 200). */
    static final int MAX_TEACHER = 200;
    private static final Pattern PID = Pattern.compile("^\\d{1,20}$");
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"(\\d{1,9})\"$");

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReportService reports;
    private final ReportList list;
    private final ReportExport export;
    private final HeavyRequests heavy;
    private final AuditLog audit;

    ReportController(ReportService reports, ReportList list, ReportExport export, HeavyRequests heavy, AuditLog audit) {
        this.reports = reports;
        this.list = list;
        this.export = export;
        this.heavy = heavy;
        this.audit = audit;
    }

    /** The list's parameters, checked once for the list and its export. */
    record ListRequest(ReportList.Filter filter, int page, int size, String sort, boolean descending) {

        /** The filter as the audit log records it (what was asked for, not the answers). */
        java.util.Map<String, Object> audited() {
            java.util.Map<String, Object> what = new java.util.LinkedHashMap<>();
            what.put("teacher", filter.teacher());
            what.put("grade", filter.grade());
            what.put("followUpComplete", filter.followUpComplete());
            what.put("certificateComplete", filter.certificateComplete());
            what.put("q", filter.query());
            what.put("sort", sort + (descending ? ",desc" : ",asc"));
            return what;
        }
    }

    @GetMapping
    ReportList.Page list(@RequestParam(required = false) String org, @RequestParam(required = false) String year,
                         @RequestParam(required = false) String teacher, @RequestParam(required = false) Integer grade,
                         @RequestParam(required = false) Boolean followUpComplete,
                         @RequestParam(required = false) Boolean certificateComplete,
                         @RequestParam(required = false) String q,
                         @RequestParam(defaultValue = "0") int page,
                         @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
                         @RequestParam(defaultValue = "name") String sort, CurrentUser user) {
        ListRequest r = listRequest(org, year, teacher, grade, followUpComplete, certificateComplete, q, page, size, sort, user);
        ReportList.Page answer = list.list(r.filter(), ReportScope.reading(user), r.page(), r.size(), r.sort(), r.descending());
        java.util.Map<String, Object> what = r.audited();
        what.put("page", r.page());
        what.put("size", r.size());
        what.put("totalRows", answer.totalRows());
        audit.record(user, AuditEntry.of("followup.list").organization(org, year)
                .students(answer.rows().stream().map(ReportList.Row::stn).toList()).details(what).count(answer.rows().size()));
        return answer;
    }

    /** The same list (same filters and order, every page) as an Excel workbook, within the load limits of exports. */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String org, @RequestParam(required = false) String year,
                @RequestParam(required = false) String teacher, @RequestParam(required = false) Integer grade,
                @RequestParam(required = false) Boolean followUpComplete,
                @RequestParam(required = false) Boolean certificateComplete,
                @RequestParam(required = false) String q,
                @RequestParam(defaultValue = "name") String sort, CurrentUser user,
                HttpServletResponse response) {
        ListRequest r = listRequest(org, year, teacher, grade, followUpComplete, certificateComplete, q, 0,
                DEFAULT_PAGE_SIZE, sort, user);
        heavy.run(WorkbookRequests.EXPORTS, user, () -> {
            response.setContentType(XLSX);
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                    .filename("students-" + org + "-" + year + ".xlsx").build().toString());
            try {
                export.write(r.filter(), ReportScope.reading(user), r.sort(), r.descending(), response.getOutputStream(),
                        stns -> audit.record(user, AuditEntry.of("followup.export").organization(org, year).students(stns)
                                .details(r.audited()).count(stns.size())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
    }

    private static ListRequest listRequest(String org, String year, String teacher, Integer grade, Boolean followUpComplete,
                                           Boolean certificateComplete, String q, int page, int size, String sort,
                                           CurrentUser user) {
        List<FieldViolation> errors = new ArrayList<>();
        if (org == null || !PID.matcher(org).matches()) {
            errors.add(new FieldViolation("org", "an organization PID (digits) is required"));
        }
        if (!SchoolYears.isSchoolYear(year)) {
            errors.add(new FieldViolation("year", "a school year like 2018-2019 is required"));
        }
        if (page < 0) {
            errors.add(new FieldViolation("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add(new FieldViolation("size", "must be between 1 and " + MAX_PAGE_SIZE));
        }
        String[] sortParts = sort.split(",", 2);
        boolean descending = sortParts.length == 2 && sortParts[1].equalsIgnoreCase("desc");
        if (!ReportList.SORTS.containsKey(sortParts[0])
                || (sortParts.length == 2 && !sortParts[1].equalsIgnoreCase("asc") && !descending)) {
            errors.add(new FieldViolation("sort", "one of " + new TreeSet<>(ReportList.SORTS.keySet()) + ", optionally ,asc or ,desc"));
        }
        if (grade != null && (grade < MIN_GRADE || grade > MAX_GRADE)) {
            errors.add(new FieldViolation("grade", "a grade from " + MIN_GRADE + " to " + MAX_GRADE));
        }
        if (teacher != null && teacher.strip().length() > MAX_TEACHER) {
            errors.add(new FieldViolation("teacher", "a staff id of at most " + MAX_TEACHER + " characters"));
        }
        if (q != null && q.length() > 100) {
            errors.add(new FieldViolation("q", "at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The list request has invalid parameters.", errors);
        }
        user.requireOrganization(org);
        String query = q == null || q.isBlank() ? null : q.strip();
        String teacherFilter = teacher == null || teacher.isBlank() ? null : teacher.strip();
        return new ListRequest(new ReportList.Filter(org, year, teacherFilter, grade, followUpComplete, certificateComplete, query),
                page, size, sortParts[0], descending);
    }

    @GetMapping("/{id}")
    ResponseEntity<ReportView> get(@PathVariable UUID id, CurrentUser user) {
        ReportView report = reports.get(id, user);
        audit.record(user, read("followup.report.read", report).details(java.util.Map.of("version", report.version())));
        return ResponseEntity.ok().eTag(etag(report.version())).body(report);
    }

    @PutMapping("/{id}")
    ResponseEntity<ReportView> save(@PathVariable UUID id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    @RequestBody AnswersInput answers, CurrentUser user) {
        if (ReportScope.writing(user).writesNothing()) {
            throw new AccessDeniedException("Only teachers and school administrators save reports");
        }
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new PreconditionRequiredException();
        }
        Matcher m = ETAG.matcher(ifMatch.strip());
        if (!m.matches()) {
            // "*" or a list would let a save go through without saying which version it edits.
            throw new InvalidInputException("If-Match", "must be the one ETag of the report as read, e.g. \"3\"");
        }
        ReportView saved = reports.save(id, Integer.parseInt(m.group(1)), answers, user);
        return ResponseEntity.ok().eTag(etag(saved.version())).body(saved);
    }

    @GetMapping("/{id}/history")
    List<HistoryEntry> history(@PathVariable UUID id, CurrentUser user) {
        ReportService.History history = reports.history(id, user);
        audit.record(user, AuditEntry.of("followup.report.history").organization(history.organizationPid(), history.schoolYear())
                .students(List.of(history.stn())).records(List.of(id.toString())).count(1));
        return history.entries();
    }

    /** One report read: its organization, year, student and id. */
    static AuditEntry read(String action, ReportView report) {
        return AuditEntry.of(action).organization(report.organization().pid(), report.schoolYear())
                .students(List.of(report.stn())).records(List.of(report.id().toString())).count(1);
    }

    /** 409 with the current version, so a client can reload exactly what it conflicts with. */
    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, e.kind(), e.title(), e.getMessage());
        problem.setProperty("currentVersion", e.currentVersion());
        return ResponseEntity.status(HttpStatus.CONFLICT).eTag(etag(e.currentVersion())).body(problem);
    }

    static String etag(int version) {
        return "\"" + version + "\"";
    }

}
