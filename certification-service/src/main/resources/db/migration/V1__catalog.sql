-- The Approved Assessment List and career clusters, versioned per school year.
-- Assessments and clusters are never deleted: one that disappears from a year's list is retired
-- (retired_at), so reports that used it stay valid.

create table school_year (
    year            varchar(9)  primary key check (year ~ '^[0-9]{4}-[0-9]{4}$'),
    -- bumped by every committed import of the year; search caches compare it to stay current
    catalog_version bigint      not null default 0,
    created_at      timestamptz not null default now()
);

create table career_cluster (
    school_year varchar(9)   not null references school_year (year),
    code        varchar(8)   not null,
    name        varchar(200) not null,
    retired_at  timestamptz,
    primary key (school_year, code)
);

create table assessment (
    school_year  varchar(9)    not null references school_year (year),
    number       varchar(20)   not null,
    name         varchar(300)  not null,
    vendor       varchar(300),
    notes        varchar(2000),
    -- the cluster codes in the order the list gave them (each exists in career_cluster of the year)
    clusters     varchar(8)[]  not null,
    published_at timestamptz   not null,
    retired_at   timestamptz,
    primary key (school_year, number)
);

create table catalog_import (
    id               bigserial    primary key,
    school_year      varchar(9)   not null references school_year (year),
    file_name        varchar(255) not null,
    imported_by      varchar(255) not null,
    imported_by_name varchar(255),
    imported_at      timestamptz  not null default now(),
    status           varchar(20)  not null,
    rows_read        integer      not null,
    added            integer      not null,
    changed          integer      not null,
    retired          integer      not null,
    unchanged        integer      not null
);

create index catalog_import_by_time on catalog_import (imported_at desc);

-- Seed: the national framework's 16 clusters plus the state's 17th (EN, energy) for every school
-- year from 2018-2019 through the current one (a school year starts on July 1). Codes other than
-- the five the guidebook shows are our convention (certification-service/README.md).
insert into school_year (year)
select y || '-' || (y + 1)
from generate_series(2018, extract(year from (now() - interval '6 months'))::int) as y;

insert into career_cluster (school_year, code, name)
select s.year, c.code, c.name
from school_year s
cross join (values
    ('AC', 'Architecture & Construction'),
    ('AG', 'Agriculture, Food & Natural Resources'),
    ('AR', 'Arts, Audio/Video Technology & Communications'),
    ('BA', 'Business, Management & Administration'),
    ('ED', 'Education & Training'),
    ('FN', 'Finance'),
    ('GV', 'Government & Public Administration'),
    ('HL', 'Health Science'),
    ('HT', 'Hospitality & Tourism'),
    ('HU', 'Human Services'),
    ('IT', 'Information Technology'),
    ('LW', 'Law, Public Safety, Corrections & Security'),
    ('MN', 'Manufacturing'),
    ('MK', 'Marketing'),
    ('ST', 'Science, Technology, Engineering & Mathematics'),
    ('TD', 'Transportation, Distribution & Logistics'),
    ('EN', 'Energy')
) as c (code, name);

-- The seeded clusters are published like every later change, so a consumer replaying the topic
-- holds them too. The outbox table comes from the platform's migrations (versions below 1).
insert into outbox (event_id, destination, event_key, event_type, source, occurred_at, payload)
select gen_random_uuid(), '${catalog_topic}', c.school_year || ':cluster:' || c.code,
       'ctims.certification.cluster-published.v1', '${events_source}', now(),
       jsonb_build_object('schoolYear', c.school_year, 'code', c.code, 'name', c.name)
from career_cluster c
order by c.school_year, c.code;
