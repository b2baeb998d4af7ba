-- Away (issue 15, item 4): a reworked job whose reviewer is away goes back to the queue with a note saying why.
alter table review add column queue_note varchar(1000);
