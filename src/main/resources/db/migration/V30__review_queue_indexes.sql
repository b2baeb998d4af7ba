-- The queue reads only the review table: the task's name moves onto the review row (set when the review starts
-- and whenever the task is tracked), so sorting by it needs no join over all open reviews.
alter table review add column task_name varchar(500);
update review set task_name = (select t.name from tracked_task t
                               where t.instance_id = review.instance_id and t.cvat_task_id = review.cvat_task_id);

-- Indexes that start with the queue's sort columns, so a page of 50 is read in order and the scan stops after it
-- (instead of sorting every open review); the id is the tie-breaker every queue query sorts by last.
create index ix_review_queued on review (queued_at, id);
create index ix_review_updated on review (updated_at, id);
create index ix_review_task_name on review (task_name, id);

-- The task filter with the reviewer filter (a task's unassigned reviews): without it H2 reads every review that
-- has no reviewer and then keeps those of the task.
create index ix_review_task_reviewer on review (instance_id, cvat_task_id, reviewer, status);
