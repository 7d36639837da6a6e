-- One database per service; each service creates its own tables with its Flyway migrations.
create database inquest_investigation;
create database inquest_notification;
