package io.cvatqueue.api;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.queue.QueueSort;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/queue")
@Tag(name = "Queue", description = "Open reviews, paged and filtered like the queue screens")
class QueueApiController {

    /** The sorts {@link QueueService} supports; anything else is refused rather than silently ignored. */
    static final List<String> SORTABLE = List.of("queuedAt", "updatedAt", "cvatJobId", "cvatTaskId", "taskName",
            "reviewer", "annotator", "status", "rejectionCount", "priority");
    private static final int MAX_PAGE_SIZE = 500;
    /** Counting reads every matching index entry: past this many, a client is told "at least" instead. */
    static final int COUNT_CAP = 10_000;

    private final QueueService queue;
    private final CurrentUser currentUser;

    QueueApiController(QueueService queue, CurrentUser currentUser) {
        this.queue = queue;
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(summary = "A page of the review queue",
            description = "Admins see every review of their CVAT instance (or of `instance`); reviewers see only "
                    + "the reviews assigned to them. Without `status`, all open statuses are listed.")
    QueuePage page(
            @Parameter(description = "0-based page number") @RequestParam(defaultValue = "0") int page,
            @Parameter(description = "page size, 1 to 500") @RequestParam(defaultValue = "50") int size,
            @Parameter(description = "property[,asc|desc], repeatable; properties: queuedAt, updatedAt, cvatJobId, "
                    + "cvatTaskId, taskName, reviewer, annotator, status, rejectionCount")
            @RequestParam(required = false) List<String> sort,
            @Parameter(description = "CVAT task id") @RequestParam(required = false) Long task,
            @Parameter(description = "review status, repeatable") @RequestParam(required = false) Set<ReviewStatus> status,
            @Parameter(description = "reviewer username, or (unassigned)") @RequestParam(required = false) String reviewer,
            @Parameter(description = "only overdue reviews") @RequestParam(defaultValue = "false") boolean overdue,
            @Parameter(description = "CVAT instance id (admins only; default: the caller's instance)")
            @RequestParam(required = false) Long instance,
            @Parameter(description = "resume after this cursor (the `next` of the previous page, same filters and "
                    + "sort): keyset paging, as fast deep in the queue as at its start; `page` is ignored then. "
                    + "Sorts by taskName, reviewer or annotator cannot be resumed")
            @RequestParam(required = false) String after) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page must be 0 or more and size between 1 and " + MAX_PAGE_SIZE);
        }
        if (status != null && status.contains(null)) {
            // an empty or unreadable value (e.g. status=%00) converts to null
            throw new IllegalArgumentException("status must be one of " + java.util.Arrays.toString(ReviewStatus.values()));
        }
        AppUser user = currentUser.require();
        if (!user.isAdmin()) {
            if (instance != null && instance.longValue() != user.instanceId()) {
                throw new AccessDeniedException("Reviewers see only their own CVAT instance");
            }
            if (reviewer != null && !reviewer.equals(user.username())) {
                throw new AccessDeniedException("Reviewers see only the reviews assigned to them");
            }
            reviewer = user.username();
        }
        QueueFilter filter = new QueueFilter(instance == null ? user.instanceId() : instance, task,
                status == null ? Set.of() : status, reviewer, overdue);
        List<QueueSort> order = sorts(sort);
        List<QueueEntry> entries = after == null || after.isBlank()
                ? queue.page(filter, page * size, size, order)
                : queue.pageAfter(filter, after, size, order);
        long counted = queue.countUpTo(filter, COUNT_CAP + 1);
        long total = Math.min(counted, COUNT_CAP);
        String next = entries.size() == size
                ? queue.cursorAfter(entries.get(entries.size() - 1), order).orElse(null) : null;
        return new QueuePage(entries, page, size, total, counted <= COUNT_CAP, (int) ((total + size - 1) / size), next);
    }

    private static List<QueueSort> sorts(List<String> sort) {
        List<QueueSort> sorts = new ArrayList<>();
        if (sort == null) {
            return sorts;
        }
        // Spring splits "a,desc" into two values when only one sort is given
        for (int i = 0; i < sort.size(); i++) {
            String property = sort.get(i).strip();
            String[] parts = property.split(",");
            boolean descending = false;
            if (parts.length == 2) {
                property = parts[0].strip();
                descending = direction(parts[1]);
            } else if (i + 1 < sort.size() && isDirection(sort.get(i + 1))) {
                descending = direction(sort.get(++i));
            }
            if (!SORTABLE.contains(property)) {
                throw new IllegalArgumentException("Cannot sort by '" + property + "'; use one of " + SORTABLE);
            }
            sorts.add(new QueueSort(property, descending));
        }
        return sorts;
    }

    private static boolean isDirection(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("asc") || v.equals("desc");
    }

    private static boolean direction(String value) {
        if (!isDirection(value)) {
            throw new IllegalArgumentException("Sort direction must be asc or desc, not '" + value.strip() + "'");
        }
        return value.strip().equalsIgnoreCase("desc");
    }

    /**
     * One page of the queue, how many entries match in all (counted up to {@value #COUNT_CAP}: then
     * {@code totalExact} is false) and the cursor of the next page (null on the last page).
     */
    record QueuePage(List<QueueEntry> content, int page, int size, long totalElements, boolean totalExact,
                     int totalPages, String next) {
    }
}
