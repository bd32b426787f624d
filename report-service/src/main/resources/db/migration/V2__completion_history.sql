-- Every version of every report seen on followup.reports.v1 with its completion flags and save
-- time: the history that completion progress over time is computed from. A read model like the
-- others (emptied and replayed by a rebuild); all versions are kept, in whatever order they came.
create table report_version (
    report_id            uuid        not null,
    version              integer     not null,
    stn                  text        not null,
    school_year          text        not null,
    organization_pid     text        not null,
    follow_up_complete   boolean     not null,
    certificate_complete boolean     not null,
    saved_at             timestamptz not null,
    primary key (report_id, version)
);
create index report_version_by_organization on report_version (organization_pid, school_year);
create index report_version_by_year on report_version (school_year);

-- The report versions whose completion change was announced on report.progress.v1. Not a read
-- model: a rebuild keeps it, so that a replay does not announce the same changes again.
create table progress_announced (
    report_id    uuid        not null,
    version      integer     not null,
    announced_at timestamptz not null default now(),
    primary key (report_id, version)
);
