create table note (id bigserial primary key, note_key text not null, text text not null);
create table received (id bigserial primary key, event_id text not null, event_key text not null, seq integer,
                       event_type text, event_source text);
