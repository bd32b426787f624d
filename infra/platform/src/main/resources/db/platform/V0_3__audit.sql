-- The audit log (org.ctims.platform.audit): who read or changed students' records, when, what,
-- from where. Append-only and hash-chained: each entry stores the SHA-256 of its predecessor and
-- its own, over a canonical form computed by AuditLog; AuditChain verifies it. Entries are added
-- in seq order under a transaction-scoped advisory lock, so concurrent writers never fork the chain.
create table audit_entry (
    seq              bigint      primary key,
    recorded_at      timestamptz not null,
    subject          text        not null,
    username         text        not null,
    roles            text[]      not null,
    action           text        not null,
    organization_pid text,
    school_year      text,
    stns             text[]      not null,   -- the students concerned (a list: those it returned)
    record_ids       text[]      not null,   -- the records concerned by id (a report's UUID)
    details          text,                   -- canonical JSON (the filter of a list, the fields saved), hashed as stored
    result_count     integer,
    client_address   text,                   -- the caller, by the rule of docs/SECURITY.md "Audit log"
    peer_address     text,                   -- the TCP peer of the service (the gateway for browser calls)
    forwarded_for    text,                   -- X-Forwarded-For / Forwarded as received, when the peer is trusted
    previous_hash    char(64)    not null,
    hash             char(64)    not null unique
);
create index audit_entry_recorded on audit_entry (recorded_at);
create index audit_entry_stns on audit_entry using gin (stns);
create index audit_entry_user on audit_entry (username, seq);
create index audit_entry_org on audit_entry (organization_pid, seq);

-- Where the kept chain starts after retention removed older entries (audit_prune).
create table audit_checkpoint (
    id                       bigserial   primary key,
    created_at               timestamptz not null default now(),
    removed_before           timestamptz not null,
    removed_count            bigint      not null,
    first_kept_seq           bigint      not null,
    first_kept_previous_hash char(64)    not null
);

-- No code path updates or deletes audit rows; this refuses it even for the schema's owner unless
-- the owner drops the trigger (production grants: docs/OPERATIONS.md "Audit log").
create function audit_refuse_change() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and tg_table_name = 'audit_entry' and current_setting('ctims.audit_pruning', true) = 'on' then
        return old;
    end if;
    raise exception 'audit rows are append-only: % on % refused', tg_op, tg_table_name;
end $$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_refuse_change();

-- Retention: removes the oldest entries recorded before keep_from (never any of the last year),
-- as a prefix of the chain, and records a checkpoint with the hash the kept chain starts from.
-- Runs as the schema's owner (security definer): the service's login needs only EXECUTE on it.
create function audit_prune(keep_from timestamptz) returns bigint
    language plpgsql security definer set search_path = ${flyway:defaultSchema} as $$
declare
    last_removed_seq  bigint;
    last_removed_hash char(64);
    removed           bigint;
begin
    if keep_from > now() - interval '1 year' then
        raise exception 'audit entries of the last year are never removed (asked to keep from %)', keep_from;
    end if;
    -- the writers' lock (AuditLog): no entry is added while the prefix is cut
    perform pg_advisory_xact_lock(16725, hashtext(current_schema()));
    select seq, hash into last_removed_seq, last_removed_hash
        from audit_entry where seq = (select max(seq) from audit_entry where recorded_at < keep_from);
    if last_removed_seq is null then
        return 0;
    end if;
    perform set_config('ctims.audit_pruning', 'on', true);
    delete from audit_entry where seq <= last_removed_seq;
    get diagnostics removed = row_count;
    perform set_config('ctims.audit_pruning', 'off', true);
    insert into audit_checkpoint (removed_before, removed_count, first_kept_seq, first_kept_previous_hash)
        values (keep_from, removed, last_removed_seq + 1, last_removed_hash);
    return removed;
end $$;
