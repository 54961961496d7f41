-- Claims name the Quartz scheduler instance that took them, so that a dead node's claims are void as soon as the
-- cluster knows it is dead (its row in qrtz_scheduler_state stops checking in), not only when their lease runs out.
alter table poll_run_account add column claimed_by text;
alter table account_state add column claimed_by text;
