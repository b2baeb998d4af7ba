package io.cvatqueue.settings;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@link WorkflowSettings} and the rejection reasons. Read on every use (cheap) so that all
 * nodes of a cluster see a change at once. Referenced from BPMN as {@code workflowSettings}.
 */
@Service("workflowSettings")
public class WorkflowSettingsService {

    private static final String SYNC_INTERVAL = "sync.interval";
    private static final String AUTO_ASSIGN = "autoAssign.enabled";
    private static final String MAX_OPEN = "autoAssign.maxOpenPerReviewer";
    private static final String SAMPLING = "sampling.percent";
    private static final String SLA = "review.sla";
    private static final String SLA_LOW = "review.sla.LOW";
    private static final String SLA_HIGH = "review.sla.HIGH";
    private static final String SLA_URGENT = "review.sla.URGENT";
    private static final String POLICY = "autoAssign.policy";

    private final JdbcTemplate jdbc;
    private final WorkflowSettings defaults;

    /**
     * @param defaultSyncInterval {@code app.sync.interval}: the sync interval until an admin changes it
     */
    public WorkflowSettingsService(JdbcTemplate jdbc,
                                   @org.springframework.beans.factory.annotation.Value("${app.sync.interval:PT5M}")
                                   Duration defaultSyncInterval) {
        this.jdbc = jdbc;
        this.defaults = WorkflowSettings.defaults(defaultSyncInterval);
    }

    public WorkflowSettings get() {
        Map<String, String> values = new HashMap<>();
        jdbc.query("select setting_name, setting_value from workflow_setting",
                rs -> {
                    values.put(rs.getString(1), rs.getString(2));
                });
        WorkflowSettings d = defaults;
        return new WorkflowSettings(
                duration(values.get(SYNC_INTERVAL), d.syncInterval()),
                values.containsKey(AUTO_ASSIGN) ? Boolean.parseBoolean(values.get(AUTO_ASSIGN)) : d.autoAssign(),
                integer(values.get(MAX_OPEN), d.maxOpenPerReviewer()),
                integer(values.get(SAMPLING), d.samplingPercent()),
                duration(values.get(SLA), d.reviewSla()),
                policy(values.get(POLICY), d.assignmentPolicy()),
                duration(values.get(SLA_LOW), d.slaLow()),
                duration(values.get(SLA_HIGH), d.slaHigh()),
                duration(values.get(SLA_URGENT), d.slaUrgent()));
    }

    @Secured("ROLE_ADMIN")
    @Transactional
    public WorkflowSettings update(WorkflowSettings settings) {
        put(SYNC_INTERVAL, settings.syncInterval().toString());
        put(AUTO_ASSIGN, Boolean.toString(settings.autoAssign()));
        put(MAX_OPEN, Integer.toString(settings.maxOpenPerReviewer()));
        put(SAMPLING, Integer.toString(settings.samplingPercent()));
        put(SLA, settings.reviewSla().toString());
        put(POLICY, settings.assignmentPolicy().name());
        put(SLA_LOW, settings.slaLow().toString());
        put(SLA_HIGH, settings.slaHigh().toString());
        put(SLA_URGENT, settings.slaUrgent().toString());
        return get();
    }

    /** Timer cycle of the sync process, e.g. {@code R/PT5M}; re-read by the engine each time the timer is due. */
    public String syncCycle() {
        try {
            return "R/" + get().syncInterval();
        } catch (org.springframework.dao.DataAccessException e) {
            // evaluated when the engine deploys the sync process, possibly before the app's tables exist
            return "R/" + defaults.syncInterval();
        }
    }

    /** Timer duration of the review SLA boundary events of older diagrams, e.g. {@code PT48H}: priority Normal. */
    public String reviewSlaDuration() {
        return get().reviewSla().toString();
    }

    /**
     * Timer duration of the review SLA boundary events for the review's priority, e.g. {@code PT4H} for Urgent.
     * The BPMN passes the process variable {@code priority}; a review started before priorities existed has none
     * and gets the SLA of Normal.
     */
    public String reviewSlaDuration(Object priority) {
        return get().slaFor(priority == null ? Priority.DEFAULT : Priority.parse(priority.toString())).toString();
    }

    /** A small value the workflow keeps between runs, e.g. the round-robin position of auto-assignment. */
    public Optional<String> state(String name) {
        List<String> found = jdbc.queryForList("select setting_value from workflow_setting where setting_name = ?",
                String.class, "state." + name);
        return found.stream().findFirst();
    }

    @Transactional
    public void putState(String name, String value) {
        put("state." + name, value);
    }

    private void put(String name, String value) {
        int updated = jdbc.update("update workflow_setting set setting_value = ? where setting_name = ?", value, name);
        if (updated == 0) {
            jdbc.update("insert into workflow_setting (setting_name, setting_value) values (?, ?)", name, value);
        }
    }

    private static Duration duration(String value, Duration fallback) {
        try {
            return value == null ? fallback : Duration.parse(value);
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    private static AssignmentPolicy policy(String value, AssignmentPolicy fallback) {
        try {
            return value == null ? fallback : AssignmentPolicy.valueOf(value);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static int integer(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
