package io.cvatqueue.settings;

import java.time.Duration;

/**
 * Admin-editable knobs of the review workflow.
 *
 * @param syncInterval        how often the timer in processes/cvat-sync.bpmn syncs all tracked tasks
 * @param autoAssign          assign new reviews round robin among the instance's reviewers
 * @param maxOpenPerReviewer  auto-assignment skips reviewers with this many open reviews
 * @param samplingPercent     share of newly completed jobs that get reviewed; the rest are accepted directly
 * @param reviewSla           time a reviewer has from assignment to decision before the review is overdue
 */
public record WorkflowSettings(Duration syncInterval, boolean autoAssign, int maxOpenPerReviewer, int samplingPercent,
                               Duration reviewSla) {

    public static WorkflowSettings defaults(Duration syncInterval) {
        return new WorkflowSettings(syncInterval, false, 20, 100, Duration.ofHours(48));
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
        if (reviewSla.compareTo(Duration.ofMinutes(1)) < 0 || reviewSla.compareTo(Duration.ofDays(365)) > 0) {
            throw new IllegalArgumentException("Review SLA: between 1 minute and 365 days");
        }
    }
}
