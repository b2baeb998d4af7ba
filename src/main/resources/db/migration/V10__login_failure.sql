-- Failed logins per account name, for the login throttle (security/LoginThrottle). Names that are no account are
-- counted too, so that the answers do not tell existing accounts apart. A successful login or an admin's unlock
-- deletes the row.
create table login_failure (
    username        varchar(100) primary key,
    failures        integer      not null,
    last_failure_at timestamp    not null,
    locked_until    timestamp
);
