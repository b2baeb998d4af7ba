-- the CVAT organisation context of each tracked task and review (CvatOrganization): calls for a task go out in
-- the task's own context. cvat_org_known false: tracked before this was remembered (the instance's context is
-- used until the next sync learns it); cvat_org_id null with cvat_org_known true: the personal workspace
alter table tracked_task add column cvat_org_id bigint;
alter table tracked_task add column cvat_org_known boolean default false not null;
alter table review add column cvat_org_id bigint;
alter table review add column cvat_org_known boolean default false not null;
