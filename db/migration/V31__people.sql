-- Issue 20: people kept in Vigía (users and their grants), API tokens, and the audit trail.

create table users (
    id            bigint generated always as identity primary key,
    username      text        not null check (username ~ '^[A-Za-z0-9._@-]{1,64}$'),
    display_name  text,
    email         text,
    -- Spring Security's {id}encoded form (BCrypt); null for people who sign in only through single sign-on.
    password_hash text,
    enabled       boolean     not null default true,
    source        text        not null check (source in ('ENV', 'LOCAL', 'SSO')),
    -- A service user is a script or an integration: it signs in only with API tokens an administrator gives it.
    service       boolean     not null default false,
    language      text        check (language in ('en', 'es', 'ca', 'gl', 'eu')),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create unique index users_username on users (lower(username));
comment on table users is 'owner: people';

create table grants (
    id              bigint generated always as identity primary key,
    user_id         bigint not null references users (id) on delete cascade,
    role            text   not null check (role in ('VIEWER', 'EDITOR', 'ADMIN')),
    -- null: every organization; ADMIN is always global.
    organization_id bigint check (role <> 'ADMIN' or organization_id is null)
);
create unique index grants_unique on grants (user_id, role, coalesce(organization_id, 0));
comment on table grants is 'owner: people';

create table api_token (
    id           bigint generated always as identity primary key,
    user_id      bigint      not null references users (id) on delete cascade,
    name         text        not null check (length(name) between 1 and 100),
    -- SHA-256 of the whole secret (vga_...): the secret itself is shown once and never kept.
    hash         bytea       not null unique,
    scopes       text[]      not null check (scopes <@ array['read', 'write']::text[] and cardinality(scopes) > 0),
    expires_at   timestamptz,
    last_used_at timestamptz,
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    revoked_at   timestamptz
);
create index api_token_user on api_token (user_id);
comment on table api_token is 'owner: people';

-- The audit trail: append-only. Only the retention purge (which sets vigia.audit_purge for its own transaction) may
-- delete, and nothing may update.
create table audit_event (
    id              bigint generated always as identity primary key,
    at              timestamptz not null default now(),
    actor           text,
    address         text,
    action          text        not null,
    object_type     text        not null,
    object_id       text,
    organization_id bigint,
    before          jsonb,
    after           jsonb
);
create index audit_event_at on audit_event (at);
create index audit_event_object on audit_event (object_type, object_id, at);
create index audit_event_actor on audit_event (lower(actor), at);
comment on table audit_event is 'owner: audit';

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('vigia.audit_purge', true) = 'on' then
        return old;
    end if;
    raise exception 'audit_event is append-only (% refused)', tg_op;
end
$$;
comment on function audit_event_append_only() is 'owner: audit';

create trigger audit_event_append_only before update or delete on audit_event
    for each row execute function audit_event_append_only();
comment on trigger audit_event_append_only on audit_event is 'owner: audit';

create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_append_only();
comment on trigger audit_event_no_truncate on audit_event is 'owner: audit';
