-- The public directory at 100,000 accounts (issue 22): every public answer is a handful of index lookups.

-- An organization's directory version (the latest change to it or its accounts) is one probe of this index, not an
-- aggregate over its accounts.
create index account_organization_updated_idx on account (organization_id, updated_at);

-- "Not in the registry: here are the official accounts on that network" names the publishing organization whose
-- accounts' names are nearest the pasted one: a nearest-neighbour search on trigrams (pg_trgm, in a schema of its
-- own; a trusted extension, which the database's owner may create without being a superuser).
create schema if not exists extensions;
create extension if not exists pg_trgm schema extensions;
create index account_handle_name_trgm_idx on account
    using gist ((split_part(lower(handle), '@', 1)) extensions.gist_trgm_ops) where status = 'ACTIVE';
