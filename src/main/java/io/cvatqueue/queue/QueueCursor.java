package io.cvatqueue.queue;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a queue page ends, for keyset paging: the last entry's values of the sort columns and its id, as an opaque
 * string. The next page is then read from that point in the sort's index instead of counting rows up to an
 * offset, so a page deep in a queue of 100,000 costs what the first page costs. Only sorts over columns that are
 * never null can be resumed this way (a null has no place to resume from that H2 and PostgreSQL agree on).
 */
public final class QueueCursor {

    /** Sort properties a cursor can resume, with how each is read from an entry and bound as a parameter. */
    private static final Map<String, Column> RESUMABLE = Map.of(
            "queuedAt", new Column(e -> e.queuedAt().toString(), v -> Timestamp.from(Instant.parse(v))),
            "updatedAt", new Column(e -> e.updatedAt().toString(), v -> Timestamp.from(Instant.parse(v))),
            "cvatJobId", new Column(e -> Long.toString(e.cvatJobId()), Long::valueOf),
            "cvatTaskId", new Column(e -> Long.toString(e.cvatTaskId()), Long::valueOf),
            "status", new Column(e -> e.status().name(), v -> v),
            "rejectionCount", new Column(e -> Integer.toString(e.rejectionCount()), Integer::valueOf),
            "priority", new Column(e -> Integer.toString(e.priority().rank()), Integer::valueOf));

    private record Column(java.util.function.Function<QueueEntry, String> read,
                          java.util.function.Function<String, Object> bind) {
    }

    private final List<QueueSort> order;
    private final List<Object> values;
    private final long reviewId;

    private QueueCursor(List<QueueSort> order, List<Object> values, long reviewId) {
        this.order = order;
        this.values = values;
        this.reviewId = reviewId;
    }

    /** Whether pages in this order can be resumed from a cursor. */
    public static boolean canResume(List<QueueSort> order) {
        return order.stream().allMatch(sort -> RESUMABLE.containsKey(sort.property()));
    }

    public static String resumableProperties() {
        return RESUMABLE.keySet().stream().sorted().collect(Collectors.joining(", "));
    }

    /** The cursor after {@code last}, a page's last entry in {@code order}. */
    public static String after(QueueEntry last, List<QueueSort> order) {
        requireResumable(order);
        StringBuilder text = new StringBuilder(signature(order));
        for (QueueSort sort : order) {
            text.append('\n').append(RESUMABLE.get(sort.property()).read().apply(last));
        }
        text.append('\n').append(last.reviewId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor given back by a client.
     *
     * @throws IllegalArgumentException when it is not a cursor of this queue or belongs to another order
     */
    static QueueCursor parse(String cursor, List<QueueSort> order) {
        requireResumable(order);
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'after' is not a cursor this API gave out");
        }
        if (parts.length != order.size() + 2 || !parts[0].equals(signature(order))) {
            throw new IllegalArgumentException("'after' belongs to another sort order; "
                    + "pass the same sort as for the page that gave it");
        }
        try {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                values.add(RESUMABLE.get(order.get(i).property()).bind().apply(parts[i + 1]));
            }
            return new QueueCursor(order, values, Long.parseLong(parts[parts.length - 1]));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("'after' is not a cursor this API gave out");
        }
    }

    List<QueueSort> order() {
        return order;
    }

    /** The value of the i-th sort column at the cursor, or the review id for i == order size. */
    Object value(int i) {
        return i == values.size() ? reviewId : values.get(i);
    }

    private static void requireResumable(List<QueueSort> order) {
        if (!canResume(order)) {
            throw new IllegalArgumentException("Pages can be resumed with 'after' only when sorted by "
                    + resumableProperties());
        }
    }

    private static String signature(List<QueueSort> order) {
        return order.stream().map(s -> s.property() + (s.descending() ? "-" : "+")).collect(Collectors.joining(","));
    }
}
