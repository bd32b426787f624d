-- OneRoster records as received, one table per record type, per sending SIS (sourcedIds are only
-- unique within one SIS). A row is the newest version seen (date_last_modified decides); a record
-- with status 'tobedeleted' stays as a tombstone so an older copy arriving later cannot revive it.
-- Data columns are nullable because a tombstone may be all we ever learn about a record.

create table org (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    name                text,
    type                text,
    pid                 text,
    parent_sourced_id   text,
    primary key (sis, sourced_id)
);
create index org_pid on org (pid);
create index org_name_prefix on org (lower(name) text_pattern_ops);

create table academic_session (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    title               text,
    type                text,
    school_year         text,
    start_date          date,
    end_date            date,
    primary key (sis, sourced_id)
);

create table roster_user (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    given_name          text,
    family_name         text,
    email               text,
    stn                 text,
    staff_id            text,
    grade               integer,
    roles               text[]      not null default '{}',
    primary key (sis, sourced_id)
);

create table user_role (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    user_sourced_id     text,
    org_sourced_id      text,
    role                text,
    role_type           text,
    primary key (sis, sourced_id)
);
create index user_role_user on user_role (sis, user_sourced_id);

-- OneRoster: a demographics record has the sourcedId of its user.
create table demographic (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    birth_date          date,
    sex                 text,
    primary key (sis, sourced_id)
);

create table roster_class (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    title               text,
    school_sourced_id   text,
    course_sourced_id   text,
    term_sourced_id     text,
    division            text,
    primary key (sis, sourced_id)
);
create index roster_class_school on roster_class (sis, school_sourced_id);
create index roster_class_term on roster_class (sis, term_sourced_id);

create table roster_enrollment (
    sis                 text        not null,
    sourced_id          text        not null,
    status              text        not null,
    date_last_modified  timestamptz not null,
    user_sourced_id     text,
    class_sourced_id    text,
    school_sourced_id   text,
    role                text,
    is_primary          boolean     not null default false,
    begin_date          date,
    end_date            date,
    primary key (sis, sourced_id)
);
create index roster_enrollment_class on roster_enrollment (sis, class_sourced_id);
create index roster_enrollment_user on roster_enrollment (sis, user_sourced_id);
create index roster_enrollment_school on roster_enrollment (sis, school_sourced_id);

-- The canonical enrollments: student x organization x teacher x division x school year, as last
-- published on roster.enrollments.v1. One row per student enrollment of an SIS.
create table enrollment (
    sis                 text        not null,
    sourced_id          text        not null,
    stn                 text        not null,
    given_name          text,
    family_name         text,
    birth_date          date,
    gender              text,
    grade               integer,
    email               text,
    organization_pid    text        not null,
    organization_name   text,
    teacher_staff_id    text        not null,
    teacher_name        text,
    division            text,
    school_year         text        not null,
    class_sourced_id    text,
    recorded_at         timestamptz not null default now(),
    primary key (sis, sourced_id)
);
create index enrollment_org_year on enrollment (organization_pid, school_year);
create index enrollment_stn on enrollment (stn);

-- Student enrollments that cannot be resolved yet because something they refer to has not
-- arrived (out-of-order delivery). Cleared as soon as they resolve; old rows are reported.
create table pending_enrollment (
    sis                 text        not null,
    sourced_id          text        not null,
    school_sourced_id   text,
    waiting_for         text        not null,
    since               timestamptz not null default now(),
    primary key (sis, sourced_id)
);

-- Records that can never be applied, with the reason; the same record is also on the binder's
-- dead-letter topic error.sis.oneroster.v1.roster.
create table rejected_record (
    id                  bigserial   primary key,
    event_id            text        unique,
    sis                 text        not null,
    school_sourced_id   text,
    school_pid          text,
    record_type         text,
    record_key          text,
    reason              text        not null,
    payload_excerpt     text,
    rejected_at         timestamptz not null default now()
);
create index rejected_record_sis on rejected_record (sis, rejected_at);
create index rejected_record_school on rejected_record (school_pid, rejected_at);
