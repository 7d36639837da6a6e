-- One row per (investigation, recipient, kind), written before anything is sent: the unique
-- constraint is what makes a redelivered completion event send nothing new.
create table delivery (
    id              bigserial    primary key,
    investigation_id varchar(64) not null,
    recipient       varchar(320) not null,
    kind            varchar(32)  not null check (kind in ('rca-complete', 'rca-failed')),
    status          varchar(16)  not null check (status in ('pending', 'retrying', 'sent', 'failed')),
    message_id      varchar(400) not null,
    subject         text         not null,
    text_body       text         not null,
    html_body       text         not null,
    attempts        integer      not null default 0,
    last_error      text,
    next_attempt_at timestamp with time zone not null,
    claimed_until   timestamp with time zone,
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    failed_at       timestamp with time zone,
    constraint delivery_once unique (investigation_id, recipient, kind)
);
create index delivery_due on delivery (next_attempt_at) where status in ('pending', 'retrying');
