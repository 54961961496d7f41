-- Failed logins counted per user name ('user:' key) and per client address ('address:' key), shared by every node so
-- that a password guesser gains nothing by spreading its guesses over the cluster. An attempt is counted before its
-- password is checked (the row is locked for that moment), so concurrent guesses cannot overshoot the limit; a
-- successful login then clears its user name's count and takes its own attempt back from the address.
create table login_throttle (
    key             text primary key,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    locked_until    timestamptz
);

-- Rows whose last failure and refusal ended longer than the window ago are deleted now and then.
create index login_throttle_last_failure_at on login_throttle (last_failure_at);
