package io.cvatqueue.sync;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Tasks of tracked projects that an admin untracked one by one. A project's discovery (sync, create:task webhook)
 * leaves them alone until someone tracks them again by hand.
 */
@Component
class UntrackedProjectTasks {

    private final JdbcTemplate jdbc;

    UntrackedProjectTasks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Set<Long> of(long instanceId) {
        return new HashSet<>(jdbc.queryForList("select cvat_task_id from untracked_project_task where instance_id = ?",
                Long.class, instanceId));
    }

    void remember(long instanceId, long cvatTaskId, String by, Instant at) {
        forget(instanceId, cvatTaskId);
        jdbc.update("insert into untracked_project_task (instance_id, cvat_task_id, untracked_by, untracked_at) "
                + "values (?, ?, ?, ?)", instanceId, cvatTaskId, by, Timestamp.from(at));
    }

    void forget(long instanceId, long cvatTaskId) {
        jdbc.update("delete from untracked_project_task where instance_id = ? and cvat_task_id = ?", instanceId,
                cvatTaskId);
    }
}
