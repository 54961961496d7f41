-- One unit running several accounts on one network is one DUPLICATE finding about the unit and the network (subject
-- 'unit:7:mastodon'), no longer one per account listing all the others: a provincial office with 2,000 municipal
-- accounts under one unit had 2,000 findings of 1,999 peers each, and its evaluation ran out of memory.

-- A unit that runs many accounts by design (a press office managing every municipal account): the rule leaves it alone.
alter table unit add column manages_many_accounts boolean not null default false;

-- The unit a finding is about when it is about a unit rather than an account: alerts go to the unit's contacts.
alter table finding add column unit_id bigint references unit (id);
create index finding_unit_idx on finding (unit_id) where unit_id is not null;
