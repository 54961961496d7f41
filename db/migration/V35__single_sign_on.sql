-- Issue 20: people who sign in through single sign-on are found again by their identity provider's issuer and
-- subject (a stable id), not by a user name the provider may let them change.
alter table users
    add column sso_issuer  text,
    add column sso_subject text;
create unique index users_sso_identity on users (sso_issuer, sso_subject) where sso_subject is not null;
