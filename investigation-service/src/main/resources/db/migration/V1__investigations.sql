-- Investigations: the source of truth for each alert's RCA.
create table investigation (
    id               varchar(64)  primary key,
    status           varchar(16)  not null check (status in ('queued', 'running', 'completed', 'failed', 'cancelled')),
    source           varchar(32)  not null,
    title            text         not null,
    service          varchar(253),
    severity         varchar(16)  not null,
    alert_starts_at  timestamp with time zone not null,
    alert_json       text         not null,
    recipients_json  text         not null,
    report_json      text,
    outcome_reason   text,
    attempt          integer      not null default 0,
    lease_expires_at timestamp with time zone,
    cancel_requested boolean      not null default false,
    created_at       timestamp with time zone not null,
    started_at       timestamp with time zone,
    finished_at      timestamp with time zone
);
create index investigation_claimable on investigation (created_at) where status in ('queued', 'running');
create index investigation_newest on investigation (created_at desc, id desc);
create index investigation_by_service on investigation (service, alert_starts_at);

-- Every event of an investigation, in order. It is the history the API replays and the outbox
-- the relay publishes to Kafka: a state change and its event are written in one transaction.
create table investigation_event (
    seq              bigserial    primary key,
    event_id         varchar(200) not null unique,
    investigation_id varchar(64)  not null references investigation (id),
    topic            varchar(200) not null,
    ce_type          varchar(200) not null,
    payload          text         not null,
    created_at       timestamp with time zone not null,
    published_at     timestamp with time zone
);
create index investigation_event_history on investigation_event (investigation_id, seq);
create index investigation_event_unpublished on investigation_event (seq) where published_at is null;
