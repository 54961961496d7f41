-- Every account's health kept in a table, so that the dashboard's lists and overview read 10,000 rows (or one page of
-- an index) instead of computing every account's health from the registry, the polling state and the findings on each
-- request.
--
-- How it stays true: triggers on account, account_state and finding note which accounts a statement changed in
-- account_health_stale (an append-only queue: writers take no lock they did not take before, so no new waits and no
-- deadlocks between polling, the sweep and people acting on findings). refresh_account_health() recomputes the noted
-- accounts from the account_health view and removes their notes, in one statement, under an advisory lock that
-- serialises refreshes. Readers call it before they read, so a page shows every change committed before it was
-- requested; the health sweep calls it when it is done, so the queue stays short between page views. A change committed
-- while a refresh runs is noted after that refresh's snapshot, so its note survives for the next refresh.

-- The view computes one account's health from its own findings (an index lookup per account): it now serves reads of a
-- few accounts and the refresh of the noted ones, while reads of all accounts go to the table.
create or replace view account_health as
select a.id as account_id, a.organization_id, a.unit_id, a.platform, a.status,
       case when f.gone then 'GONE'
            when f.moved then 'MOVED'
            when f.abandoned then 'ABANDONED'
            when f.dormant then 'DORMANT'
            when s.handle = a.handle and s.last_success_at is not null
                 and s.last_outcome not in ('NOT_FOUND', 'SUSPENDED', 'DEACTIVATED', 'MOVED') then 'ACTIVE'
            else 'UNKNOWN' end as state,
       case when s.handle = a.handle then s.last_activity_at end as last_activity_at,
       case when s.handle = a.handle then s.last_checked_at end as last_checked_at,
       case when s.handle = a.handle then s.last_outcome end as last_outcome,
       case when s.handle = a.handle then s.last_success_at end as last_success_at,
       case when s.handle = a.handle then s.consecutive_failures else 0 end as consecutive_failures,
       coalesce(f.types, '{}') as finding_types,
       -- someone answers for it: a unit, and a contact of its own or of the unit
       (a.unit_id is not null
        and (nullif(btrim(a.contact_email), '') is not null or cardinality(u.contact_emails) > 0)) as owned
from account a
left join unit u on u.id = a.unit_id
left join account_state s on s.account_id = a.id
left join lateral (
    select bool_or(type = 'GONE') as gone, bool_or(type = 'MOVED') as moved,
           bool_or(type = 'ABANDONED') as abandoned, bool_or(type = 'DORMANT') as dormant,
           array_agg(type order by type) as types
    from finding
    where finding.account_id = a.id and status <> 'RESOLVED'
) f on true;

create table account_health_snapshot (
    account_id           bigint primary key references account (id) on delete cascade,
    organization_id      bigint  not null,
    unit_id              bigint,
    platform             text    not null,
    status               text    not null,
    state                text    not null,
    last_activity_at     timestamptz,
    last_checked_at      timestamptz,
    last_outcome         text,
    last_success_at      timestamptz,
    consecutive_failures integer not null,
    finding_types        text[]  not null,
    owned                boolean not null
);
-- The accounts list's default order (longest silent first) and an organization's accounts.
create index account_health_snapshot_silence_idx on account_health_snapshot (last_activity_at nulls last, account_id)
    where status = 'ACTIVE';
create index account_health_snapshot_organization_idx on account_health_snapshot (organization_id, unit_id);

-- Accounts whose health may have changed since the last refresh; an account may be noted several times.
create table account_health_stale (
    account_id bigint not null
);

create function account_health_note_all() returns trigger language plpgsql as $$
begin
    insert into account_health_stale (account_id) select id from account;
    return null;
end $$;

create function account_health_note_inserted() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'finding' then
        insert into account_health_stale (account_id)
        select distinct account_id from new_rows where account_id is not null and status <> 'RESOLVED';
    elsif tg_table_name = 'account' then
        insert into account_health_stale (account_id) select id from new_rows;
    else
        insert into account_health_stale (account_id) select account_id from new_rows;
    end if;
    return null;
end $$;

create function account_health_note_deleted() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'finding' then
        insert into account_health_stale (account_id)
        select distinct account_id from old_rows where account_id is not null and status <> 'RESOLVED';
    else
        insert into account_health_stale (account_id) select account_id from old_rows;
    end if;
    return null;
end $$;

-- Only the columns the health reads: a claim's lease or a finding's new evidence changes nothing the dashboard shows
-- through this table.
create function account_health_note_updated() returns trigger language plpgsql as $$
begin
    if tg_table_name = 'finding' then
        insert into account_health_stale (account_id)
        select distinct x.account_id
        from old_rows o join new_rows n on n.id = o.id
        cross join lateral (values (o.account_id), (n.account_id)) as x (account_id)
        where x.account_id is not null
          and (o.account_id, o.type, o.status) is distinct from (n.account_id, n.type, n.status);
    elsif tg_table_name = 'account' then
        insert into account_health_stale (account_id)
        select n.id
        from old_rows o join new_rows n on n.id = o.id
        where (o.organization_id, o.unit_id, o.platform, o.status, o.handle, o.contact_email)
              is distinct from (n.organization_id, n.unit_id, n.platform, n.status, n.handle, n.contact_email);
    elsif tg_table_name = 'unit' then
        insert into account_health_stale (account_id)
        select a.id
        from old_rows o join new_rows n on n.id = o.id join account a on a.unit_id = n.id
        where o.contact_emails is distinct from n.contact_emails;
    else
        insert into account_health_stale (account_id)
        select n.account_id
        from old_rows o join new_rows n on n.account_id = o.account_id
        where (o.handle, o.last_activity_at, o.last_checked_at, o.last_outcome, o.last_success_at,
               o.consecutive_failures)
              is distinct from (n.handle, n.last_activity_at, n.last_checked_at, n.last_outcome, n.last_success_at,
                                n.consecutive_failures);
    end if;
    return null;
end $$;

create trigger account_health_inserted after insert on account
    referencing new table as new_rows for each statement execute function account_health_note_inserted();
create trigger account_health_updated after update on account
    referencing old table as old_rows new table as new_rows for each statement
    execute function account_health_note_updated();

create trigger account_health_updated after update on unit
    referencing old table as old_rows new table as new_rows for each statement
    execute function account_health_note_updated();

create trigger account_health_inserted after insert on account_state
    referencing new table as new_rows for each statement execute function account_health_note_inserted();
create trigger account_health_updated after update on account_state
    referencing old table as old_rows new table as new_rows for each statement
    execute function account_health_note_updated();
create trigger account_health_deleted after delete on account_state
    referencing old table as old_rows for each statement execute function account_health_note_deleted();
create trigger account_health_truncated after truncate on account_state
    for each statement execute function account_health_note_all();

create trigger account_health_inserted after insert on finding
    referencing new table as new_rows for each statement execute function account_health_note_inserted();
create trigger account_health_updated after update on finding
    referencing old table as old_rows new table as new_rows for each statement
    execute function account_health_note_updated();
create trigger account_health_deleted after delete on finding
    referencing old table as old_rows for each statement execute function account_health_note_deleted();
create trigger account_health_truncated after truncate on finding
    for each statement execute function account_health_note_all();

-- Recomputes the noted accounts and removes their notes; returns how many rows of the snapshot changed. Refreshes take
-- turns (a transaction-scoped advisory lock): one that waited finds the queue emptied of what the other did.
create function refresh_account_health() returns integer language plpgsql as $$
declare
    changed integer;
begin
    perform pg_advisory_xact_lock(hashtext('account_health_snapshot'));
    with noted as (
        delete from account_health_stale returning account_id
    )
    insert into account_health_snapshot as c (account_id, organization_id, unit_id, platform, status, state,
                                              last_activity_at, last_checked_at, last_outcome, last_success_at,
                                              consecutive_failures, finding_types, owned)
    select h.account_id, h.organization_id, h.unit_id, h.platform, h.status, h.state, h.last_activity_at,
           h.last_checked_at, h.last_outcome, h.last_success_at, h.consecutive_failures, h.finding_types, h.owned
    from account_health h
    where h.account_id in (select account_id from noted)
    on conflict (account_id) do update
        set organization_id = excluded.organization_id, unit_id = excluded.unit_id, platform = excluded.platform,
            status = excluded.status, state = excluded.state, last_activity_at = excluded.last_activity_at,
            last_checked_at = excluded.last_checked_at, last_outcome = excluded.last_outcome,
            last_success_at = excluded.last_success_at, consecutive_failures = excluded.consecutive_failures,
            finding_types = excluded.finding_types, owned = excluded.owned
        where (c.organization_id, c.unit_id, c.platform, c.status, c.state, c.last_activity_at, c.last_checked_at,
               c.last_outcome, c.last_success_at, c.consecutive_failures, c.finding_types, c.owned)
              is distinct from
              (excluded.organization_id, excluded.unit_id, excluded.platform, excluded.status, excluded.state,
               excluded.last_activity_at, excluded.last_checked_at, excluded.last_outcome, excluded.last_success_at,
               excluded.consecutive_failures, excluded.finding_types, excluded.owned);
    get diagnostics changed = row_count;
    return changed;
end $$;

insert into account_health_snapshot
select account_id, organization_id, unit_id, platform, status, state, last_activity_at, last_checked_at, last_outcome,
       last_success_at, consecutive_failures, finding_types, owned
from account_health;
