-- The queue's default order, most urgent first and then oldest first, read straight from an index (see V30):
-- a page of 50 is found without sorting every open review.
create index ix_review_urgent_oldest on review (priority desc, queued_at, id);
