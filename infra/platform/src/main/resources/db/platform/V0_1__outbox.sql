-- Transactional outbox: rows are written in the business transaction and relayed to Kafka after
-- commit by OutboxRelay, which deletes a row only once the broker acknowledged it.
create table outbox (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    destination text        not null,
    event_key   text        not null,
    event_type  text        not null,
    source      text        not null,
    subject     text,
    occurred_at timestamptz not null,
    payload     jsonb       not null,
    created_at  timestamptz not null default now(),
    attempts    integer     not null default 0,
    last_error  text,
    parked_at   timestamptz
);

-- Parked rows hold back later rows with the same destination and key (per-key order).
create index outbox_parked on outbox (destination, event_key, id) where parked_at is not null;
