-- The answer pages' rate limit and the answers keep the visitor's address only as an HMAC under a salt of this
-- installation (one row, made on first use, shared by every node), so a hash ties to no address without the database.
create table recertification_salt (
    id   smallint primary key check (id = 1),
    salt bytea    not null check (octet_length(salt) = 32)
);

-- Hashes written before the salt were plain SHA-256 of the address, which anybody can reverse by trying every IPv4
-- address: they go.
update attestation set address_hash = null where address_hash is not null;
delete from recertification_visit;

comment on table recertification_salt is 'owner: recertification';
