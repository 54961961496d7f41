-- Discovery runs count what an exception stopped (a candidate not judged, an organization not examined) and say so in
-- their status: COMPLETED_WITH_ERRORS, or FAILED when no organization could be examined.

alter table discovery_run drop constraint discovery_run_status_check;
alter table discovery_run add constraint discovery_run_status_check
    check (status in ('RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'));
-- candidates and organizations an exception stopped
alter table discovery_run add column errors integer not null default 0;

-- why the organization could not be examined; null when it was
alter table discovery_run_organization add column error text;
