-- Who else gets an RCA: a rule matches on service, severity and labels (all that are set) and
-- adds its addresses to the recipients.
create table subscription (
    id          bigserial    primary key,
    name        varchar(200) not null,
    service     varchar(253),
    severities  varchar(100),
    labels_json text         not null default '{}',
    addresses   text         not null,
    created_at  timestamp with time zone not null
);
