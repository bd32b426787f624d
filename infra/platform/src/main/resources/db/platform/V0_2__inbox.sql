-- Idempotent consumers: one row per (consumer, event id) processed, written in the same
-- transaction as the effect, so a redelivered event is recognised and skipped.
create table inbox (
    consumer     text        not null,
    event_id     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
