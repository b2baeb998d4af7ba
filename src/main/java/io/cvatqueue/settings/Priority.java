package io.cvatqueue.settings;

import java.util.Arrays;
import java.util.Locale;

/**
 * How urgent a review is. Set per tracked project, per task and per job (the job's wins, then the task's, then the
 * project's); the queue orders by it and the SLA timer's duration depends on it. {@link #rank()} is what the
 * database stores and sorts by: higher is more urgent.
 */
public enum Priority {
    LOW(0, "Low"), NORMAL(1, "Normal"), HIGH(2, "High"), URGENT(3, "Urgent");

    /** What a review has when nobody set a priority on its job, task or project. */
    public static final Priority DEFAULT = NORMAL;

    private final int rank;
    private final String label;

    Priority(int rank, String label) {
        this.rank = rank;
        this.label = label;
    }

    public int rank() {
        return rank;
    }

    public String label() {
        return label;
    }

    public static Priority ofRank(int rank) {
        return Arrays.stream(values()).filter(p -> p.rank == rank).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No priority has rank " + rank));
    }

    /**
     * Reads a priority as people and scripts write it ("urgent", "Urgent", "URGENT").
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Priority parse(String value) {
        if (value != null) {
            String wanted = value.strip().toUpperCase(Locale.ROOT);
            for (Priority p : values()) {
                if (p.name().equals(wanted)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("Unknown priority '" + value + "': use one of Low, Normal, High, Urgent");
    }
}
