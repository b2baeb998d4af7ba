package io.cvatqueue.analytics;

import java.time.Instant;
import java.util.List;

/**
 * What a snapshot refresh of a task did.
 *
 * @param jobs       jobs CVAT listed for the task
 * @param downloaded jobs whose annotations were downloaded and saved (new or changed since their last snapshot)
 * @param unchanged  jobs skipped because their updated_date had not moved
 * @param failed     jobs whose download failed; they are tried again on the next refresh
 * @param errors     one readable line per failed job
 */
public record RefreshSummary(long taskId, Instant refreshedAt, int jobs, int downloaded, int unchanged, int failed,
                             List<String> errors) {

    public String describe() {
        String counts = jobs + " jobs: " + downloaded + " downloaded, " + unchanged + " unchanged";
        return failed == 0 ? counts : counts + ", " + failed + " failed";
    }
}
