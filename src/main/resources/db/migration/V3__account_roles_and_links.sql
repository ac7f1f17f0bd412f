-- Roles are granted to existing accounts by an administrator (no longer by name at sign-in). Everyone
-- is a learner, so only the roles above it have rows.
create table account_role (
    account_id bigint      not null references account (id) on delete cascade,
    role       varchar(20) not null,
    primary key (account_id, role)
);

-- Accounts created for a room, and passwords reset by an instructor, must get a password of the
-- learner's own choosing at the first sign-in.
alter table account add column must_change_password boolean default false not null;

-- One-time links (first sign-in of a bulk-created account, password reset). Only a SHA-256 hash of the
-- token is stored, so a copy of the database cannot be used to sign in.
create table one_time_link (
    token_hash  varchar(64) not null primary key,
    account_id  bigint      not null references account (id) on delete cascade,
    purpose     varchar(20) not null,
    created_at  timestamp   not null,
    expires_at  timestamp   not null,
    used_at     timestamp
);
