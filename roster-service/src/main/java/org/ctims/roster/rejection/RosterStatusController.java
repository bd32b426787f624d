package org.ctims.roster.rejection;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.ctims.platform.security.CurrentUser;
import org.ctims.platform.security.OrganizationScope;
import org.ctims.platform.web.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What went wrong with the rosters, per SIS and per school: rejected records (with their reason)
 * and enrollments still waiting for what they refer to after {@code ctims.roster.pending-report-after}.
 * State staff see everything; school administrators only their organizations. Newest first, paged.
 */
@RestController
@RequestMapping("/api/roster")
@PreAuthorize("hasAnyRole('state-admin', 'school-admin', 'sis-integration')")
class RosterStatusController {

    static final int MAX_SIZE = 500;
    static final int MAX_SIS = 1000;

    private final JdbcClient jdbc;
    private final Duration reportAfter;
    private final Clock clock;

    RosterStatusController(JdbcClient jdbc, @Value("${ctims.roster.pending-report-after}") Duration reportAfter) {
        this.jdbc = jdbc;
        this.reportAfter = reportAfter;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/rejections")
    List<RejectionView> rejections(@RequestParam(required = false) String sis, @RequestParam(required = false) String school,
                                   @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
                                   CurrentUser user) {
        OrganizationScope scope = scopeFor(school, user);
        checkFilter(sis, page, size);
        return jdbc.sql("""
                select * from (
                    select r.id, r.sis, coalesce(r.school_pid, o.pid) school_pid, r.school_sourced_id, r.record_type,
                           r.record_key, r.reason, r.payload_excerpt, r.rejected_at
                    from rejected_record r
                    left join org o on o.sis = r.sis and o.sourced_id = r.school_sourced_id) rejected
                where (cast(:sis as text) is null or sis = :sis)
                  and (cast(:school as text) is null or school_pid = :school)
                  and (:all or school_pid = any(:pids))
                order by rejected_at desc, id desc
                limit :size offset :offset""")
                .param("sis", sis).param("school", school).param("all", scope.all()).param("pids", scope.pidArray())
                .param("size", size).param("offset", (long) page * size)
                .query(RejectionView.class).list();
    }

    @GetMapping("/unresolved")
    List<UnresolvedView> unresolved(@RequestParam(required = false) String sis, @RequestParam(required = false) String school,
                                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size,
                                    CurrentUser user) {
        OrganizationScope scope = scopeFor(school, user);
        checkFilter(sis, page, size);
        return jdbc.sql("""
                select p.sis, p.sourced_id enrollment_sourced_id, o.pid school_pid, p.school_sourced_id, p.waiting_for, p.since
                from pending_enrollment p
                left join org o on o.sis = p.sis and o.sourced_id = p.school_sourced_id
                where p.since <= :before
                  and (cast(:sis as text) is null or p.sis = :sis)
                  and (cast(:school as text) is null or o.pid = :school)
                  and (:all or o.pid = any(:pids))
                order by p.since, p.sis, p.sourced_id
                limit :size offset :offset""")
                .param("before", Timestamp.from(clock.instant().minus(reportAfter)))
                .param("sis", sis).param("school", school).param("all", scope.all()).param("pids", scope.pidArray())
                .param("size", size).param("offset", (long) page * size)
                .query(UnresolvedView.class).list();
    }

    private static OrganizationScope scopeFor(String school, CurrentUser user) {
        if (school != null) {
            user.requireOrganization(school);
        }
        return user.scope();
    }

    private static void checkFilter(String sis, int page, int size) {
        if (sis != null && sis.length() > MAX_SIS) {
            throw new InvalidInputException("sis", "An SIS name is at most " + MAX_SIS + " characters.");
        }
        if (page < 0) {
            throw new InvalidInputException("page", "page starts at 0.");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "size is 1 to " + MAX_SIZE + ".");
        }
    }
}
