-- The registry's published view of organizations was made with "select *" in V15, which froze its columns; other
-- modules (single sign-on maps a claim to an organization by its slug) read the columns added since.
create or replace view registry_organizations as select * from organization;
comment on view registry_organizations is 'owner: registry';
