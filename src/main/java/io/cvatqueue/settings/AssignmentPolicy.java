package io.cvatqueue.settings;

/** How auto-assignment chooses among the reviewers who are below the cap of open reviews and not away. */
public enum AssignmentPolicy {
    /** the next reviewer by username after the one chosen last */
    ROUND_ROBIN("Round robin"),
    /** the reviewer with the fewest frames in open reviews (assigned or in review) */
    LEAST_OPEN_WORK("Least open work");

    private final String label;

    AssignmentPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
