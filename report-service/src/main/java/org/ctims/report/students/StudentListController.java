package org.ctims.report.students;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.ctims.platform.audit.AuditActor;
import org.ctims.platform.audit.AuditEntry;
import org.ctims.platform.audit.AuditLog;
import org.ctims.platform.audit.ClientAddress;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.OrganizationScope;
import org.ctims.platform.web.NotFoundException;
import org.ctims.report.export.Downloads;
import org.ctims.report.export.LimitedDownloads;
import org.ctims.report.web.Parameters;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code GET /api/reports/students.xlsx?year=2018-2019[&org=10001]}: the student-level export.
 * State staff and report consumers get every organization or the one named; a school
 * administrator the one named of theirs, or all of theirs. Teachers export their list from the
 * follow-up service instead.
 */
@RestController
class StudentListController {

    private final StudentList students;
    private final AuditLog audit;
    private final LimitedDownloads downloads;

    StudentListController(StudentList students, AuditLog audit, LimitedDownloads downloads) {
        this.students = students;
        this.audit = audit;
        this.downloads = downloads;
    }

    @GetMapping("/api/reports/students.{format}")
    @PreAuthorize("hasAnyRole('school-admin', 'state-admin', 'report-consumer')")
    ResponseEntity<StreamingResponseBody> students(@PathVariable String format, @RequestParam(required = false) String org,
                                                   @RequestParam(required = false) String year, CurrentUser user) {
        if (!format.equals("xlsx")) {
            throw new NotFoundException("A student export other than .xlsx");
        }
        Parameters parameters = new Parameters().schoolYear(year);
        if (org != null) {
            parameters.organization(org);
        }
        parameters.check();
        OrganizationScope scope = user.scope();
        if (org != null) {
            user.requireOrganization(org);
            scope = OrganizationScope.only(Set.of(org));
        }
        OrganizationScope chosen = scope;
        // the body is written on another thread: who and from where are taken now
        AuditActor actor = AuditActor.of(user);
        ClientAddress from = audit.currentAddress();
        AuditEntry entry = AuditEntry.of("report.students.export").organization(org, year).details(Map.of("format", format,
                "organizations", chosen.all() ? "all" : String.join(",", new TreeSet<>(chosen.pids()))));
        return downloads.of(user, () -> Downloads.xlsx(StudentList.fileName(year, chosen), out -> students.writeXlsx(year, chosen, out,
                listed -> audit.recordRead(actor, entry.students(listed.stns()).count(listed.rows()), from))));
    }
}
