-- Both are prefixes of wider indexes (ix_review_task_reviewer, ix_review_priority) that serve the same queries;
-- every index is written again on each new review, so the sync pays for them and no query gains.
drop index if exists ix_review_task;
drop index if exists ix_review_status;
