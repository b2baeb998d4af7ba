package io.cvatqueue.bench;

import io.cvatqueue.queue.QueueCursor;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.QueueSort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** The queue benchmark's page figures: every page shape the REST API and the Vaadin queue read, timed server-side. */
final class QueuePageFigures {

    private final QueueService queue;
    private final JdbcTemplate jdbc;
    /** Stand-in tasks 1 to this many hold synced reviews: the one-task filters pick among them. */
    private final int syncedTasks;

    QueuePageFigures(QueueService queue, JdbcTemplate jdbc, int syncedTasks) {
        this.queue = queue;
        this.jdbc = jdbc;
        this.syncedTasks = syncedTasks;
    }

    /**
     * Queue pages as the REST API reads them (a page of 50 and the count, which stops at 10,001) and as the Vaadin
     * queue opens (its first rows, without a count). Deep pages are read by keyset cursor, as API clients page.
     */
    void measure(QueueFilter open, int openReviews) {
        Random random = new Random(openReviews);
        List<QueueSort> oldestFirst = List.of(new QueueSort("queuedAt", false));
        List<String> deepCursors = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            QueueEntry anywhere = queue.page(open, random.nextInt(Math.max(1, openReviews - 50)), 1, oldestFirst).get(0);
            deepCursors.add(QueueCursor.after(anywhere, oldestFirst));
        }
        Map<String, Supplier<Object>> shapes = new LinkedHashMap<>();
        shapes.put("open, most urgent then oldest (the default), one of the first 10 pages", () ->
                queue.page(open, 50 * random.nextInt(10), 50, List.of()).size() + restCount(open));
        shapes.put("open, oldest first, one of the first 10 pages", () ->
                queue.page(open, 50 * random.nextInt(10), 50, oldestFirst).size() + restCount(open));
        shapes.put("open, oldest first, a page anywhere (by cursor)", () -> queue.pageAfter(open,
                deepCursors.get(random.nextInt(deepCursors.size())), 50, oldestFirst).size() + restCount(open));
        shapes.put("task + unassigned, by job desc", () -> {
            QueueFilter f = open.withTask(1L + random.nextInt(syncedTasks)).withReviewer(QueueFilter.UNASSIGNED);
            return queue.page(f, random.nextInt(40), 50, List.of(new QueueSort("cvatJobId", true))).size()
                    + restCount(f);
        });
        shapes.put("one task, most urgent then oldest (the Vaadin queue filtered to a task)", () -> {
            QueueFilter f = open.withTask(1L + random.nextInt(syncedTasks));
            return queue.page(f, 50 * random.nextInt(4), 50, List.of()).size() + restCount(f);
        });
        shapes.put("status queued, by task name", () -> {
            QueueFilter f = open.withStatuses(java.util.Set.of(io.cvatqueue.review.ReviewStatus.QUEUED));
            return queue.page(f, random.nextInt(500), 50, List.of(new QueueSort("taskName", false))).size()
                    + restCount(f);
        });
        shapes.put("Vaadin queue's first rows (first 50 in its default order; it needs no count)", () ->
                queue.page(open, 0, 50, List.of()).size());
        shapes.put("for comparison: an exact count of all open reviews alone", () -> queue.count(open));
        for (Map.Entry<String, Supplier<Object>> shape : shapes.entrySet()) {
            for (int i = 0; i < 100; i++) {
                shape.getValue().get(); // warm-up: a running server has answered such pages before
            }
            double[] millis = new double[200];
            for (int i = 0; i < millis.length; i++) {
                touchAReview(random);
                long start = System.nanoTime();
                shape.getValue().get();
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            row("Queue, " + openReviews + " open: " + shape.getKey(), String.format(Locale.ROOT,
                    "p50 %.1f ms, p95 %.1f ms, max %.1f ms (200 pages)", millis[100], millis[190], millis[199]));
        }
    }

    /** The count a REST page answers with: exact up to 10,000. */
    private int restCount(QueueFilter filter) {
        return queue.countUpTo(filter, 10_001);
    }

    /** A change in the queue, as happens all the time: H2 would otherwise answer repeated queries from its cache. */
    private void touchAReview(Random random) {
        jdbc.update("update review set updated_at = current_timestamp where id = (select min(id) from review) + ?",
                random.nextInt(1000));
    }

    /**
     * Open reviews without processes (the queue reads only the review rows). A queue grows by tasks, not by one
     * task's jobs: they are spread over 200 more tasks of about 400 open reviews each, the size of the tasks already
     * there (100 and 1,000), so a page filtered to one task reads as many entries as before.
     */
    void insertOpenReviews(long instanceId, int count) {
        jdbc.update("insert into review (instance_id, cvat_task_id, task_name, cvat_job_id, open_key, status, reviewer, "
                + "annotator_id, annotator_username, queued_at, updated_at) "
                + "select ?, 1000 + mod(x, 200), concat('Task ', 1000 + mod(x, 200)), 5000000 + x, "
                + "concat(?, ':', 5000000 + x), "
                + "case mod(x, 3) when 0 then 'QUEUED' when 1 then 'ASSIGNED' else 'IN_REVIEW' end, "
                + "case mod(x, 3) when 0 then null else concat('rev', mod(x, 7)) end, 2, 'anna', "
                + "dateadd(second, x, timestamp '2026-01-01 00:00:00'), current_timestamp "
                + "from system_range(1, ?)", instanceId, Long.toString(instanceId), count);
        row("Added for the next figures", count + " open reviews inserted as rows in 200 more tasks (no processes: "
                + "the queue reads only the review table)");
    }

    private static void row(String measure, String value) {
        BenchReport.row(measure, value);
    }
}
