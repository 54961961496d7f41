-- The public directory at 100,000 accounts (issue 22): every public answer is a handful of index lookups.

-- An organization's directory version (the latest change to it or its accounts) is one probe of this index, not an
-- aggregate over its accounts.
create index account_organization_updated_idx on account (organization_id, updated_at);
