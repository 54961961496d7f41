-- Claims name the Quartz scheduler instance that took them, so that a dead node's claims are void as soon as the
-- cluster knows it is dead (its row in qrtz_scheduler_state stops checking in), not only when their lease runs out.
alter table poll_run_account add column claimed_by text;
alter table account_state add column claimed_by text;

-- A run ends COMPLETED, or FAILED with the reason; workers that stopped (a database outage) are restarted by the
-- cluster, and a run whose restarted workers keep stopping without checking an account is given up.
alter table poll_run
    add column reason             text check (reason in ('NOT_SCHEDULED', 'WORKERS_STOPPED')),
    add column last_error         text,
    -- restarts in a row that checked no account, and how many accounts were checked at the last one
    add column restarts           integer not null default 0,
    add column checked_at_restart integer;

-- A sender's claim on a mail: renewed while the sender works on the mail, and compared before it marks the mail.
alter table notification add column claim_token uuid;
