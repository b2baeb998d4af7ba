package io.cvatqueue.settings;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Admin-editable knobs of the review workflow.
 *
 * @param syncInterval        how often the timer in processes/cvat-sync.bpmn syncs all tracked tasks
 * @param autoAssign          assign new reviews automatically among the instance's reviewers
 * @param maxOpenPerReviewer  auto-assignment skips reviewers with this many open reviews
 * @param samplingPercent     share of newly completed jobs that get reviewed; the rest are accepted directly
 * @param reviewSla           time a reviewer has from assignment to decision before a review of priority Normal is
 *                            overdue
 * @param assignmentPolicy    how auto-assignment chooses a reviewer
 * @param slaLow              the SLA of reviews of priority Low
 * @param slaHigh             the SLA of reviews of priority High
 * @param slaUrgent           the SLA of reviews of priority Urgent
 */
public record WorkflowSettings(Duration syncInterval, boolean autoAssign, int maxOpenPerReviewer, int samplingPercent,
                               Duration reviewSla, AssignmentPolicy assignmentPolicy, Duration slaLow,
                               Duration slaHigh, Duration slaUrgent) {

    public static final Duration DEFAULT_SLA_LOW = Duration.ofHours(96);
    public static final Duration DEFAULT_SLA_HIGH = Duration.ofHours(24);
    public static final Duration DEFAULT_SLA_URGENT = Duration.ofHours(4);

    public static WorkflowSettings defaults(Duration syncInterval) {
        return new WorkflowSettings(syncInterval, false, 20, 100, Duration.ofHours(48));
    }

    /** The settings as they were before priorities and policies: round robin, default SLAs per priority. */
    public WorkflowSettings(Duration syncInterval, boolean autoAssign, int maxOpenPerReviewer, int samplingPercent,
                            Duration reviewSla) {
        this(syncInterval, autoAssign, maxOpenPerReviewer, samplingPercent, reviewSla, AssignmentPolicy.ROUND_ROBIN,
                DEFAULT_SLA_LOW, DEFAULT_SLA_HIGH, DEFAULT_SLA_URGENT);
    }

    public WorkflowSettings {
        if (syncInterval.compareTo(Duration.ofSeconds(10)) < 0 || syncInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("Sync interval: between 10 seconds and 24 hours");
        }
        if (maxOpenPerReviewer < 1 || maxOpenPerReviewer > 10_000) {
            throw new IllegalArgumentException("Open reviews per reviewer: between 1 and 10000");
        }
        if (samplingPercent < 0 || samplingPercent > 100) {
            throw new IllegalArgumentException("Sampling: between 0 and 100 percent");
        }
        checkSla("Review SLA", reviewSla);
        checkSla("Review SLA (Low)", slaLow);
        checkSla("Review SLA (High)", slaHigh);
        checkSla("Review SLA (Urgent)", slaUrgent);
        if (assignmentPolicy == null) {
            throw new IllegalArgumentException("Choose an assignment policy");
        }
    }

    /** The SLA of a review of the given priority; Normal is {@link #reviewSla()}. */
    public Duration slaFor(Priority priority) {
        return switch (priority == null ? Priority.DEFAULT : priority) {
            case LOW -> slaLow;
            case NORMAL -> reviewSla;
            case HIGH -> slaHigh;
            case URGENT -> slaUrgent;
        };
    }

    /** The SLA per priority, most urgent last. */
    public Map<Priority, Duration> slas() {
        Map<Priority, Duration> slas = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            slas.put(p, slaFor(p));
        }
        return slas;
    }

    public WorkflowSettings withTeamSettings(AssignmentPolicy policy, Duration low, Duration high, Duration urgent) {
        return new WorkflowSettings(syncInterval, autoAssign, maxOpenPerReviewer, samplingPercent, reviewSla, policy,
                low, high, urgent);
    }

    private static void checkSla(String name, Duration sla) {
        if (sla == null || sla.compareTo(Duration.ofMinutes(1)) < 0 || sla.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException(name + ": between 1 minute and 365 days");
        }
    }
}
