-- Read models of the report service. Everything here is derived from the topics
-- roster.enrollments.v1, followup.reports.v1 and certification.catalog.v1 and can be dropped and
-- replayed; nothing is entered here. Each row keeps what decides "newer wins" (ce_time or the
-- report version) so that replays, duplicates and stragglers change nothing.

-- The newest facts of a student, from any of their enrollments.
create table student (
    stn         text        primary key,
    given_name  text,
    family_name text,
    birth_date  date,
    gender      text,
    email       text,
    event_time  timestamptz not null
);

-- One row per roster enrollment (student x organization x teacher x division x year). The grade
-- is the roster's grade in that year: it decides who is in a cohort. Removed rows stay (also a
-- removal seen before its enrollment, as a tombstone) so that a late "recorded" cannot revive them.
create table enrollment (
    enrollment_id     uuid        primary key,
    school_year       text        not null,
    stn               text        not null,
    grade             integer,
    organization_pid  text        not null,
    organization_name text,
    teacher_staff_id  text        not null,
    teacher_name      text,
    division          text,
    removed           boolean     not null,
    event_time        timestamptz not null
);
create index enrollment_by_organization on enrollment (organization_pid, school_year);
create index enrollment_by_teacher on enrollment (teacher_staff_id, school_year);
create index enrollment_by_student on enrollment (stn, school_year);

-- The current state of each yearly student report, as its newest report-saved event says.
create table report_state (
    report_id               uuid        primary key,
    version                 integer     not null,
    stn                     text        not null,
    school_year             text        not null,
    organization_pid        text        not null,
    grade                   integer,
    removed                 boolean     not null,
    deceased                boolean     not null,
    education_status        text,
    employment_status       text,
    took_certification_test boolean,
    follow_up_applies       boolean     not null,
    follow_up_complete      boolean     not null,
    certificate_complete    boolean     not null,
    saved_by                text,
    saved_at                timestamptz
);
create index report_state_by_organization on report_state (organization_pid, school_year);
create index report_state_by_student on report_state (stn, school_year);

-- The certification entries of the current version of a report (replaced with every newer version).
create table report_certification (
    report_id         uuid    not null references report_state (report_id) on delete cascade,
    position          integer not null,
    assessment_number text,
    cluster_code      text,
    result            text,
    primary key (report_id, position)
);

-- The Approved Assessment List and clusters of every year, retired entries kept as retired.
create table catalog_assessment (
    school_year text        not null,
    number      text        not null,
    name        text        not null,
    vendor      text,
    clusters    text[]      not null,
    retired     boolean     not null,
    event_time  timestamptz not null,
    primary key (school_year, number)
);

create table catalog_cluster (
    school_year text        not null,
    code        text        not null,
    name        text,
    retired     boolean     not null,
    event_time  timestamptz not null,
    primary key (school_year, code)
);
