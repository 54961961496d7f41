-- The health snapshot no longer hangs triggers on other modules' tables. The registry, polling and health publish
-- events (AccountsChanged, UnitChanged, AccountsChecked, FindingsTransitioned) inside the transactions that change
-- what health reads; the overview hears them in the same transaction and notes the accounts in account_health_stale,
-- as the triggers did, so a refresh after the commit shows the change. What no event tells (a hand-made change in the
-- database, a truncation) reconcile_account_health() repairs, run every ten minutes.

drop trigger account_health_inserted on account;
drop trigger account_health_updated on account;
drop trigger account_health_updated on unit;
drop trigger account_health_inserted on account_state;
drop trigger account_health_updated on account_state;
drop trigger account_health_deleted on account_state;
drop trigger account_health_truncated on account_state;
drop trigger account_health_inserted on finding;
drop trigger account_health_updated on finding;
drop trigger account_health_deleted on finding;
drop trigger account_health_truncated on finding;

drop function account_health_note_all();
drop function account_health_note_inserted();
drop function account_health_note_deleted();
drop function account_health_note_updated();

-- Recomputes every account's health from the account_health view and writes the rows that differ, taking the refresh's
-- turn (the same advisory lock); returns how many rows of the snapshot changed. Notes already queued stay for the next
-- refresh, which finds nothing left to change for them. A deleted account's row goes with it (the foreign key cascades).
create function reconcile_account_health() returns integer language plpgsql as $$
declare
    changed integer;
begin
    perform pg_advisory_xact_lock(hashtext('account_health_snapshot'));
    insert into account_health_snapshot as c (account_id, organization_id, unit_id, platform, status, state,
                                              last_activity_at, last_checked_at, last_outcome, last_success_at,
                                              consecutive_failures, finding_types, owned)
    select h.account_id, h.organization_id, h.unit_id, h.platform, h.status, h.state, h.last_activity_at,
           h.last_checked_at, h.last_outcome, h.last_success_at, h.consecutive_failures, h.finding_types, h.owned
    from account_health h
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
comment on function reconcile_account_health() is 'owner: overview';
