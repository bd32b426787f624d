-- The one rebuild of the read models: its row lock lets one start at a time (also across
-- instances), and it keeps the state and the offsets the replay must reach for the progress shown.
create table rebuild (
    id          integer     primary key check (id = 1),
    state       text        not null,   -- idle | dropping | replaying | done | failed
    started_at  timestamptz,
    started_by  text,
    finished_at timestamptz,
    offsets     jsonb,                  -- per "topic/partition": [first offset, end offset] at the start
    error       text
);
insert into rebuild (id, state) values (1, 'idle');
