-- Deploys and configuration changes (ChangeRecorded from inquest.change-events): evidence for the
-- recent-changes tool.
create table change_event (
    change_id   varchar(100) primary key,
    service     varchar(253) not null,
    kind        varchar(32)  not null,
    version     varchar(200),
    description text,
    author      varchar(200),
    at          timestamp with time zone not null,
    link        text,
    labels_json text         not null default '{}',
    received_at timestamp with time zone not null
);
create index change_event_by_service on change_event (service, at);
