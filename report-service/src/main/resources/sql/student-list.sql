-- The student-level export (GET /api/reports/students.xlsx): one row per student and organization
-- with an active enrollment in :year, with their newest report there. The placeholder after
-- "not e.removed" takes the caller's scope as a condition on e.organization_pid (nothing for every
-- organization). The benchmark runs this same text as its COPY baseline (infra/bench, "report").
with s as (
    select e.organization_pid, e.stn, bool_or(e.grade = 12) as applies, max(e.grade) as grade,
           (array_agg(e.organization_name order by e.event_time desc))[1] as organization_name,
           string_agg(distinct coalesce(e.teacher_name, e.teacher_staff_id), '; ') as teachers
    from enrollment e
    where e.school_year = :year and not e.removed %s
    group by e.organization_pid, e.stn)
select s.organization_pid, s.organization_name, s.stn, st.family_name, st.given_name, st.birth_date, s.grade,
       s.teachers, s.applies, coalesce(r.follow_up_complete, false) as follow_up_complete,
       coalesce(r.deceased, false) as deceased, r.education_status, r.employment_status,
       r.took_certification_test, coalesce(c.taken, 0) as taken, coalesce(c.passed, 0) as passed, c.entries,
       coalesce(r.certificate_complete, false) as certificate_complete, r.saved_by, r.saved_at
from s
left join student st on st.stn = s.stn
left join lateral (select * from report_state r
                   where r.stn = s.stn and r.organization_pid = s.organization_pid and r.school_year = :year
                   order by r.version desc limit 1) r on true
left join lateral (select count(*) filter (where rc.result in ('passed', 'not-passed')) as taken,
                          count(*) filter (where rc.result = 'passed') as passed,
                          string_agg(concat_ws(' ', rc.assessment_number, rc.cluster_code, rc.result), '; '
                                     order by rc.position) as entries
                   from report_certification rc where rc.report_id = r.report_id) c on true
order by s.organization_pid, st.family_name, st.given_name, s.stn
