package org.ctims.report.progress;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.ctims.platform.security.CurrentUser;
import org.ctims.report.web.Parameters;
import org.ctims.report.web.TeacherScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Completion progress over time (JSON). A school's (or one teacher's there) for teachers — their
 * own figures only —, school administrators of that school, state staff and report consumers;
 * the state's for state staff and report consumers.
 */
@RestController
class ProgressController {

    private final ProgressRepository repository;
    private final ZoneId zone;

    ProgressController(ProgressRepository repository, @Value("${ctims.report.time-zone}") String zone) {
        this.repository = repository;
        this.zone = ZoneId.of(zone);
    }

    @GetMapping("/api/reports/progress")
    @PreAuthorize("hasAnyRole('teacher', 'school-admin', 'state-admin', 'report-consumer')")
    ProgressOverTime school(@RequestParam(required = false) String org, @RequestParam(required = false) String year,
                            @RequestParam(required = false) String teacher, @RequestParam(required = false) String from,
                            @RequestParam(required = false) String to, CurrentUser user) {
        String staffId = TeacherScope.requested(teacher, user);
        Parameters parameters = new Parameters().organization(org).schoolYear(year)
                .staffId("teacher", staffId, !TeacherScope.seesEveryTeacher(user));
        LocalDate start = ProgressOverTime.date(from, "from", parameters);
        LocalDate end = ProgressOverTime.date(to, "to", parameters);
        ProgressOverTime.checkRange(start, end, parameters);
        parameters.check();
        user.requireOrganization(org);
        if (staffId != null) {
            TeacherScope.requireVisible(staffId, user);
        }
        return answer(new ProgressRepository.Scope(year, org, staffId), start, end);
    }

    @GetMapping("/api/reports/progress/state")
    @PreAuthorize("hasAnyRole('state-admin', 'report-consumer')")
    ProgressOverTime state(@RequestParam(required = false) String year, @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to) {
        Parameters parameters = new Parameters().schoolYear(year);
        LocalDate start = ProgressOverTime.date(from, "from", parameters);
        LocalDate end = ProgressOverTime.date(to, "to", parameters);
        ProgressOverTime.checkRange(start, end, parameters);
        parameters.check();
        return answer(new ProgressRepository.Scope(year, null, null), start, end);
    }

    private ProgressOverTime answer(ProgressRepository.Scope scope, LocalDate from, LocalDate to) {
        List<ProgressRepository.DayChange> changes = repository.dayChanges(scope, zone);
        LocalDate first = from != null ? from : changes.isEmpty() ? null : changes.get(0).date();
        LocalDate last = to != null ? to : changes.isEmpty() ? first : changes.get(changes.size() - 1).date();
        if (first != null && last != null && ChronoUnit.DAYS.between(first, last) >= ProgressOverTime.MAX_DAYS) {
            // only possible without from/to: saves spread over years
            new Parameters().add("from", "the saves span more than " + ProgressOverTime.MAX_DAYS
                    + " days: give from and to").check();
        }
        return new ProgressOverTime(scope.pid(), scope.year(), scope.staffId(), zone.getId(),
                ProgressOverTime.Current.of(repository.figures(scope)), ProgressOverTime.days(changes, from, last));
    }
}
