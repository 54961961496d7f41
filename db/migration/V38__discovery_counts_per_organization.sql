-- What examining each organization of a discovery run found and cost, kept with the organization as well as summed on
-- the run: someone who sees only some organizations is shown a run's counts over those. Runs before this keep their
-- sums on discovery_run only (their organizations count zero). Owned by discovery, like the table it alters.
alter table discovery_run_organization
    add column searches       integer not null default 0,
    add column probes         integer not null default 0,
    add column unanswered     integer not null default 0,
    add column candidates     integer not null default 0,
    add column impersonations integer not null default 0,
    add column unregistered   integer not null default 0,
    add column errors         integer not null default 0;
