-- The report's category as a column of its own, so the list filters by it with an index; the
-- database derives it from the report, so no writer can forget it.
alter table investigation
    add column root_cause_category varchar(32)
        generated always as ((report_json::jsonb) ->> 'rootCauseCategory') stored;
create index investigation_by_category on investigation (root_cause_category, created_at desc);
