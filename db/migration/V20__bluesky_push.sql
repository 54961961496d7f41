-- Where the Jetstream consumer is in the stream: the time_us of the last event it recorded (one row).
create table bluesky_push_cursor (
    id          smallint primary key default 1 check (id = 1),
    time_us     bigint not null,
    instance    text not null,
    updated_at  timestamptz not null
);

comment on table bluesky_push_cursor is 'owner: polling';
