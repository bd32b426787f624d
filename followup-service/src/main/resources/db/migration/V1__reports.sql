-- The yearly student report: one per student x organization x enrollment year.
create table report (
    id                      uuid primary key,
    stn                     char(10)     not null,
    organization_pid        varchar(20)  not null,
    school_year             char(9)      not null,           -- enrollment year, e.g. 2018-2019
    organization_name       varchar(300),
    given_name              varchar(200),
    family_name             varchar(200),
    birth_date              date,
    gender                  varchar(20),
    grade                   smallint,
    student_email           varchar(320),                    -- as the roster last sent it
    removed                 boolean      not null default false, -- every enrollment left the roster; answers are kept
    roster_updated_at       timestamptz  not null,           -- ce_time of the enrollment event the student facts come from
    version                 integer      not null default 0, -- optimistic locking, the ETag
    -- answers
    email                   varchar(320),
    deceased                boolean      not null default false,
    education_status        varchar(40),
    employment_status       varchar(40),
    job_related             boolean,
    self_employed           boolean,
    job_title               varchar(200),
    job_duties              varchar(2000),
    took_certification_test boolean,
    -- derived on every save, stored so that lists filter and count without recomputing
    follow_up_complete      boolean      not null default false,
    certificate_complete    boolean      not null default false,
    missing                 text[]       not null default '{}',
    last_saved_by           varchar(200),
    last_saved_by_name      varchar(300),
    last_saved_at           timestamptz,
    constraint report_student_org_year unique (stn, organization_pid, school_year)
);
create index report_org_year on report (organization_pid, school_year);

-- The roster's enrollments behind a report: who teaches the student, in which division.
create table report_enrollment (
    enrollment_id     uuid primary key,
    report_id         uuid         references report (id),   -- null: a removal seen before the enrollment
    teacher_staff_id  varchar(200) not null,
    teacher_name      varchar(300),
    division          varchar(300),
    removed           boolean      not null default false,
    event_time        timestamptz  not null                  -- newer events win, older ones change nothing
);
create index report_enrollment_report on report_enrollment (report_id);
create index report_enrollment_teacher on report_enrollment (teacher_staff_id, report_id);

create table certification_entry (
    report_id          uuid        not null references report (id),
    position           smallint    not null,
    assessment_number  varchar(20),
    cluster_code       varchar(8),
    result             varchar(20),
    primary key (report_id, position)
);

create table report_history (
    id              bigserial primary key,
    report_id       uuid         not null references report (id),
    version         integer      not null,
    changed_by      varchar(200) not null,
    changed_by_name varchar(300),
    changed_at      timestamptz  not null,
    field           varchar(100) not null,
    from_value      text,
    to_value        text
);
create index report_history_report on report_history (report_id, id);

-- Replica of certification.catalog.v1 (compacted; key = year:number / year:cluster:code).
create table catalog_assessment (
    school_year  char(9)      not null,
    number       varchar(20)  not null,
    name         varchar(300) not null,
    clusters     text[]       not null,
    retired      boolean      not null,
    event_time   timestamptz  not null,
    primary key (school_year, number)
);

create table catalog_cluster (
    school_year  char(9)      not null,
    code         varchar(8)   not null,
    name         varchar(200) not null,
    retired      boolean      not null,
    event_time   timestamptz  not null,
    primary key (school_year, code)
);
