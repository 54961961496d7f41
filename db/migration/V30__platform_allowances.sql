-- What Vigía spent of the networks' paid or limited allowances (X's monthly read budget, YouTube's daily quota), one
-- row per network and period, updated compare-and-set so that every node of a cluster shares one count.
create table platform_allowance (
    network      text        not null,
    period_start date        not null,
    used         bigint      not null default 0 check (used >= 0),
    post_reads   bigint      not null default 0 check (post_reads >= 0),
    updated_at   timestamptz not null default now(),
    primary key (network, period_start)
);
comment on table platform_allowance is 'owner: platform';

-- A check skipped to stay within such an allowance is recorded as SKIPPED: neither evidence nor a failure.
alter table account_check drop constraint account_check_outcome_check;
alter table account_check add constraint account_check_outcome_check
    check (outcome in ('OK', 'NOT_FOUND', 'SUSPENDED', 'DEACTIVATED', 'MOVED', 'RATE_LIMITED', 'ERROR', 'UNSUPPORTED',
                       'SKIPPED'));
