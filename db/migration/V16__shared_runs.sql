-- Discovery runs go through the run mechanism poll runs use (org.vigia.runs): claims name the node that took them, so
-- that a dead node's organization is taken over once the cluster knows it is dead, not only when its lease runs out;
-- a run its worker left is given a new one, counted as a restart, and a run that cannot be scheduled says why.
-- Owned by discovery, like the tables it alters.
alter table discovery_run_organization add column claimed_by text;

alter table discovery_run
    add column reason             text check (reason in ('NOT_SCHEDULED', 'WORKERS_STOPPED')),
    add column last_error         text,
    -- restarts in a row that examined no organization, and how many were examined at the last one
    add column restarts           integer not null default 0,
    add column checked_at_restart integer;
