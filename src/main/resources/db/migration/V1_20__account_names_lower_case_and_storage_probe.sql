-- Names are unique whatever their letter case: the application stores them in lower case, and this
-- check makes the database refuse any other, so the unique constraint on username is case-insensitive
-- in effect (portable: H2 has no index on lower(username), PostgreSQL would need one).
alter table account add constraint account_username_lower_case check (username = lower(username));

-- One row that the storage check rewrites to prove the database still accepts writes (start-up and health).
create table storage_probe (
    id         int       not null primary key,
    checked_at timestamp not null
);
insert into storage_probe (id, checked_at) values (1, current_timestamp);
