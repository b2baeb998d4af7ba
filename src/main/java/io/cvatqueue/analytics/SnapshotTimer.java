package io.cvatqueue.analytics;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refreshes the snapshots of all tracked tasks every {@code app.analytics.snapshot-interval} (default 30 min).
 * The first run waits one interval, so that restarts and test contexts do not hit CVAT at startup; every node
 * runs this timer and {@link SnapshotService#refreshAllIfDue()} lets only one of them do the work.
 */
@Component
class SnapshotTimer {

    private final SnapshotService snapshots;

    SnapshotTimer(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @Scheduled(initialDelayString = "${app.analytics.snapshot-interval:30m}",
            fixedDelayString = "${app.analytics.snapshot-interval:30m}")
    void refresh() {
        snapshots.refreshAllIfDue();
    }
}
