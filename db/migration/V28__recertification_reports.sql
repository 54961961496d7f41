-- Recertification reports (issue 21): the current round of each organization, account by account, for the API, the CSV
-- and the dashboard, and the share of accounts recertified per organization and unit, which the weekly report (alerts)
-- reads. The current round is an organization's latest; an account counts as recertified once anybody answered for it
-- in that round (through a link or by phone).

create view recertification_current_accounts as
select r.organization_id, r.id as round_id, r.number as round, r.opens_at, r.closes_at, r.closed_at, q.account_id,
       array_agg(q.recipient order by q.recipient) as owners, min(q.asked_at) as asked_at,
       t.id as attestation_id, t.answered_at
from recertification_round r
join lateral (select rq.recipient, rq.asked_at, unnest(rq.account_ids) as account_id
              from recertification_request rq where rq.round_id = r.id) q on true
left join lateral (select a.id, a.answered_at from attestation a
                   where a.round_id = r.id and a.account_id = q.account_id
                   order by a.answered_at desc, a.id desc limit 1) t on true
where r.number = (select max(c.number) from recertification_round c where c.organization_id = r.organization_id)
group by r.organization_id, r.id, r.number, r.opens_at, r.closes_at, r.closed_at, q.account_id, t.id, t.answered_at;

create view recertification_shares as
select c.organization_id, a.unit_id, c.round, c.closes_at, count(*) as asked,
       count(*) filter (where c.attestation_id is not null) as answered
from recertification_current_accounts c
join registry_accounts a on a.id = c.account_id and a.status = 'ACTIVE'
group by c.organization_id, a.unit_id, c.round, c.closes_at;

comment on view recertification_current_accounts is 'owner: recertification';
comment on view recertification_shares is 'owner: recertification';
