-- what the last sync of a tracked task found, shown on the dashboard and task page
alter table tracked_task add column last_synced_at timestamp;
alter table tracked_task add column last_sync_summary varchar(1000);
