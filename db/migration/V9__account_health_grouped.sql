-- The same account health as V4 defines it, with the standing findings aggregated once for all accounts (a hash join)
-- instead of looked up account by account: lists and the overview read every account's health, and a lookup per
-- account cost them half their time. A single account's health still reads only its findings (the planner pushes the
-- account's id into the grouped subquery).
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
       coalesce(f.types, '{}') as finding_types
from account a
left join account_state s on s.account_id = a.id
left join (
    select account_id, bool_or(type = 'GONE') as gone, bool_or(type = 'MOVED') as moved,
           bool_or(type = 'ABANDONED') as abandoned, bool_or(type = 'DORMANT') as dormant,
           array_agg(type order by type) as types
    from finding
    where status <> 'RESOLVED' and account_id is not null
    group by account_id
) f on f.account_id = a.id;
