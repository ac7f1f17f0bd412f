-- The landing page's path chooser: a signed-in learner's four answers, one row per learner (answering
-- again replaces it). Answers are stored by their API ids so the rules can change without a migration.
create table path_choice (
    account_id  bigint      not null primary key references account (id) on delete cascade,
    programming varchar(20) not null,
    math        varchar(20) not null,
    time_spent  varchar(20) not null,
    style       varchar(20) not null,
    chosen_at   timestamp   not null
);
