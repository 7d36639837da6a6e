-- Test emails (POST /api/smtp/test) go through the same delivery pipeline as RCAs.
alter table delivery drop constraint delivery_kind_check;
alter table delivery add constraint delivery_kind_check check (kind in ('rca-complete', 'rca-failed', 'smtp-test'));

-- Every attempt at a delivery, with what the server said.
create table delivery_attempt (
    id          bigserial    primary key,
    delivery_id bigint       not null references delivery (id),
    attempt     integer      not null,
    at          timestamp with time zone not null,
    outcome     varchar(16)  not null check (outcome in ('sent', 'retrying', 'failed')),
    error       text,
    constraint delivery_attempt_once unique (delivery_id, attempt)
);
