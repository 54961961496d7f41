-- Which module owns each table, view, trigger and function: a comment 'owner: <module>' that OwnershipTests reads from
-- pg_catalog (a table without one fails the build). A module's SQL names only its own tables and the read-only views
-- other modules publish here; the views are plain selects that PostgreSQL inlines, so plans do not change. A migration
-- that creates a table, view, trigger or function ends with its ownership comment.

-- registry
create view registry_organizations as select * from organization;
create view registry_units as select * from unit;
create view registry_accounts as select * from account;
comment on table organization is 'owner: registry';
comment on table unit is 'owner: registry';
comment on table account is 'owner: registry';
comment on view registry_organizations is 'owner: registry';
comment on view registry_units is 'owner: registry';
comment on view registry_accounts is 'owner: registry';

-- polling (Quartz's tables too: polling runs the scheduler's cluster checks over them)
create view polling_account_states as select * from account_state;
create view polling_profiles as select * from profile_snapshot;
comment on table account_state is 'owner: polling';
comment on table profile_snapshot is 'owner: polling';
comment on table poll_run is 'owner: polling';
comment on table poll_run_account is 'owner: polling';
comment on table account_check is 'owner: polling';
comment on view polling_account_states is 'owner: polling';
comment on view polling_profiles is 'owner: polling';
comment on table qrtz_blob_triggers is 'owner: runs';
comment on table qrtz_calendars is 'owner: runs';
comment on table qrtz_cron_triggers is 'owner: runs';
comment on table qrtz_fired_triggers is 'owner: runs';
comment on table qrtz_job_details is 'owner: runs';
comment on table qrtz_locks is 'owner: runs';
comment on table qrtz_paused_trigger_grps is 'owner: runs';
comment on table qrtz_scheduler_state is 'owner: runs';
comment on table qrtz_simple_triggers is 'owner: runs';
comment on table qrtz_simprop_triggers is 'owner: runs';
comment on table qrtz_triggers is 'owner: runs';

-- health
create view health_findings as select * from finding;
create view health_finding_transitions as select * from finding_transition;
comment on table finding is 'owner: health';
comment on table finding_transition is 'owner: health';
comment on table organization_guideline is 'owner: health';
comment on table lookalike_allowlist is 'owner: health';
comment on view health_findings is 'owner: health';
comment on view health_finding_transitions is 'owner: health';

-- overview: each account's health as the dashboard, the API and the reports show it, read from the views the registry,
-- polling and health publish (same definition as V10).
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
from registry_accounts a
left join registry_units u on u.id = a.unit_id
left join polling_account_states s on s.account_id = a.id
left join lateral (
    select bool_or(type = 'GONE') as gone, bool_or(type = 'MOVED') as moved,
           bool_or(type = 'ABANDONED') as abandoned, bool_or(type = 'DORMANT') as dormant,
           array_agg(type order by type) as types
    from health_findings f
    where f.account_id = a.id and status <> 'RESOLVED'
) f on true;
comment on view account_health is 'owner: overview';
comment on table account_health_snapshot is 'owner: overview';
comment on table account_health_stale is 'owner: overview';
comment on function account_health_note_all() is 'owner: overview';
comment on function account_health_note_inserted() is 'owner: overview';
comment on function account_health_note_deleted() is 'owner: overview';
comment on function account_health_note_updated() is 'owner: overview';
comment on function refresh_account_health() is 'owner: overview';
-- The snapshot's change notes stay triggers on the tables they watch (a statement-level trigger is what keeps the
-- snapshot true within the writer's transaction); they belong to the overview, not to the tables' owners.
comment on trigger account_health_inserted on account is 'owner: overview';
comment on trigger account_health_updated on account is 'owner: overview';
comment on trigger account_health_updated on unit is 'owner: overview';
comment on trigger account_health_inserted on account_state is 'owner: overview';
comment on trigger account_health_updated on account_state is 'owner: overview';
comment on trigger account_health_deleted on account_state is 'owner: overview';
comment on trigger account_health_truncated on account_state is 'owner: overview';
comment on trigger account_health_inserted on finding is 'owner: overview';
comment on trigger account_health_updated on finding is 'owner: overview';
comment on trigger account_health_deleted on finding is 'owner: overview';
comment on trigger account_health_truncated on finding is 'owner: overview';

-- alerts
comment on table notification is 'owner: alerts';
comment on table alert_item is 'owner: alerts';
comment on table alert_reminder is 'owner: alerts';
comment on table report_count is 'owner: alerts';
comment on table organization_alert_setting is 'owner: alerts';
comment on table quiet_period is 'owner: alerts';
comment on table alert_recipient is 'owner: alerts';

-- discovery
comment on table discovery_run is 'owner: discovery';
comment on table discovery_run_organization is 'owner: discovery';
comment on table discovery_probe is 'owner: discovery';
comment on table discovery_avatar is 'owner: discovery';
comment on table released_handle is 'owner: discovery';

-- web
comment on table login_throttle is 'owner: web';
