package io.cvatqueue.fault;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The app's H2 file, opened with JDBC while the app is not running (H2 locks the file): to seed accounts,
 * instances and tracked tasks, and to look at what a killed app really had on disk. One connection, opened on
 * first use; close it before the app starts again.
 */
final class AppDatabase implements AutoCloseable {

    /** A row of the app's {@code review} table. */
    record ReviewRow(long id, long instanceId, long taskId, long jobId, String openKey, String processInstanceId,
                     String status, String reviewer, String endReason) {
    }

    private final String url;
    private Connection connection;

    /** For seeding: reads and writes. */
    static AppDatabase forSeeding(Path dataDir) {
        return new AppDatabase(dataDir, false);
    }

    /**
     * For looking only: the file is opened read-only, so that what the app finds at its next start is exactly what
     * it left behind (a writing connection would recover and rewrite a crashed file first).
     */
    static AppDatabase forInspection(Path dataDir) {
        return new AppDatabase(dataDir, true);
    }

    private AppDatabase(Path dataDir, boolean readOnly) {
        // the setting of application.yml that changes how names are read; the file itself is the app's
        this.url = "jdbc:h2:file:" + dataDir.resolve("queue").toAbsolutePath() + ";CASE_INSENSITIVE_IDENTIFIERS=TRUE"
                + (readOnly ? ";ACCESS_MODE_DATA=r" : "");
    }

    private Connection db() throws SQLException {
        if (connection == null) {
            connection = DriverManager.getConnection(url, "sa", "");
        }
        return connection;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    // ---- seeding -------------------------------------------------------------------------------------------

    /** @param webhookSecretEnc the webhook secret encrypted with the app's key, as the app stores it; or null */
    long addInstance(String name, String baseUrl, String serviceTokenEnc, String webhookSecretEnc) throws SQLException {
        Connection db = db();
        try (PreparedStatement insert = db.prepareStatement("insert into cvat_instance "
                + "(name, base_url, service_token_enc, webhook_secret_enc, demo, created_at, version) "
                + "values (?, ?, ?, ?, false, ?, 0)", new String[]{"id"})) {
            insert.setString(1, name);
            insert.setString(2, baseUrl);
            insert.setString(3, serviceTokenEnc);
            insert.setString(4, webhookSecretEnc);
            insert.setTimestamp(5, Timestamp.from(Instant.now()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void addUser(String username, String passwordHash, String role, long instanceId, long cvatUserId,
                 String cvatUsername, String cvatTokenEnc) throws SQLException {
        Connection db = db();
        try (PreparedStatement insert = db.prepareStatement("insert into app_user "
                + "(username, password_hash, role, active, instance_id, cvat_user_id, cvat_username, cvat_token_enc, "
                + "created_at, version) values (?, ?, ?, true, ?, ?, ?, ?, ?, 0)")) {
            insert.setString(1, username);
            insert.setString(2, passwordHash);
            insert.setString(3, role);
            insert.setLong(4, instanceId);
            insert.setLong(5, cvatUserId);
            insert.setString(6, cvatUsername);
            insert.setString(7, cvatTokenEnc);
            insert.setTimestamp(8, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    void track(long instanceId, long taskId, String name) throws SQLException {
        Connection db = db();
        try (PreparedStatement insert = db.prepareStatement("insert into tracked_task "
                + "(instance_id, cvat_task_id, name, added_by, added_at) values (?, ?, ?, 'admin', ?)")) {
            insert.setLong(1, instanceId);
            insert.setLong(2, taskId);
            insert.setString(3, name);
            insert.setTimestamp(4, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        }
    }

    // ---- inspection ----------------------------------------------------------------------------------------

    Optional<ReviewRow> review(long id) throws SQLException {
        List<ReviewRow> rows = reviews("id = ?", id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    List<ReviewRow> openReviews(long instanceId, long taskId) throws SQLException {
        return reviews("instance_id = ? and cvat_task_id = ? and open_key is not null", instanceId, taskId);
    }

    /** Actions of the review's audit trail, oldest first. */
    List<String> auditActions(long reviewId) throws SQLException {
        return strings("select action from audit_entry where review_id = ? order by id", reviewId);
    }

    /** Definition keys of the open user tasks of a process instance. */
    List<String> openUserTasks(String processInstanceId) throws SQLException {
        return strings("select task_def_key_ || ' (' || coalesce(assignee_, 'nobody') || ')' from act_ru_task "
                + "where proc_inst_id_ = ?", processInstanceId);
    }

    /** Incidents, open or resolved, of a process instance, and failed executions of its jobs. */
    List<String> incidentsAndFailedJobs(String processInstanceId) throws SQLException {
        List<String> found = new ArrayList<>();
        for (String open : strings("select incident_type_ || ' at ' || activity_id_ || ': ' || coalesce(incident_msg_, '') "
                + "from act_ru_incident where proc_inst_id_ = ?", processInstanceId)) {
            found.add("open incident " + open);
        }
        for (String historic : strings("select incident_type_ || ' at ' || activity_id_ || ': ' "
                + "|| coalesce(incident_msg_, '') from act_hi_incident where proc_inst_id_ = ?", processInstanceId)) {
            found.add("incident (history) " + historic);
        }
        for (String failed : strings("select act_id_ || ': ' || coalesce(job_exception_msg_, '') from act_hi_job_log "
                + "where process_instance_id_ = ? and job_state_ = 1", processInstanceId)) {
            found.add("failed job execution " + failed);
        }
        return found;
    }

    /** Failed executions of the process instance's jobs (each one is retried later), as "activity: message". */
    List<String> failedJobs(String processInstanceId) throws SQLException {
        return strings("select act_id_ || ': ' || coalesce(job_exception_msg_, '') from act_hi_job_log "
                + "where process_instance_id_ = ? and job_state_ = 1", processInstanceId);
    }

    /** All open incidents of the engine, as "activity: message". */
    List<String> openIncidents() throws SQLException {
        return strings("select coalesce(proc_inst_id_, '-') || ' ' || activity_id_ || ': ' || coalesce(incident_msg_, '') "
                + "from act_ru_incident");
    }

    /**
     * Where the app's review table and Camunda's runtime disagree; empty when they agree. An open review
     * ({@code open_key} set) is exactly one running job-review process instance whose business key is the open key;
     * a closed review has an ended process instance in the history.
     */
    List<String> inconsistencies() throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String row : strings("select 'review ' || r.id || ' (' || r.open_key || ', ' || r.status || ')' "
                + "from review r where r.open_key is not null and (r.process_instance_id is null or not exists ("
                + "select 1 from act_ru_execution e where e.id_ = r.process_instance_id and e.parent_id_ is null))")) {
            problems.add(row + " is open but has no running process instance");
        }
        for (String row : strings("select 'process instance ' || e.id_ || ' (business key ' || e.business_key_ || ')' "
                + "from act_ru_execution e join act_re_procdef d on d.id_ = e.proc_def_id_ "
                + "where d.key_ = 'job-review' and e.parent_id_ is null and not exists ("
                + "select 1 from review r where r.process_instance_id = e.id_ and r.open_key is not null)")) {
            problems.add(row + " is running but no open review points to it");
        }
        for (String row : strings("select 'review ' || r.id || ' (open key ' || r.open_key || ') runs as business key ' "
                + "|| e.business_key_ from review r join act_ru_execution e on e.id_ = r.process_instance_id "
                + "where r.open_key is not null and e.parent_id_ is null and e.business_key_ <> r.open_key")) {
            problems.add(row);
        }
        for (String row : strings("select 'review ' || r.id || ' (' || r.status || ', job ' || r.cvat_job_id || ')' "
                + "from review r where r.open_key is null and exists (select 1 from act_ru_execution e "
                + "where e.id_ = r.process_instance_id and e.parent_id_ is null)")) {
            problems.add(row + " is closed but its process instance still runs");
        }
        for (String row : strings("select 'review ' || r.id || ' (' || r.status || ')' from review r "
                + "where r.process_instance_id is not null and not exists (select 1 from act_hi_procinst h "
                + "where h.id_ = r.process_instance_id)")) {
            problems.add(row + " names a process instance that Camunda never started");
        }
        for (String row : strings("select 'job ' || instance_id || ':' || cvat_job_id || ' has ' || count(*) "
                + "from review where open_key is not null group by instance_id, cvat_job_id having count(*) > 1")) {
            problems.add(row + " open reviews");
        }
        for (String row : strings("select 'business key ' || e.business_key_ || ' has ' || count(*) from act_ru_execution e "
                + "join act_re_procdef d on d.id_ = e.proc_def_id_ where d.key_ = 'job-review' and e.parent_id_ is null "
                + "group by e.business_key_ having count(*) > 1")) {
            problems.add(row + " running review processes");
        }
        return problems;
    }

    private List<ReviewRow> reviews(String where, Object... parameters) throws SQLException {
        List<ReviewRow> rows = new ArrayList<>();
        Connection db = db();
        try (PreparedStatement query = db.prepareStatement("select id, instance_id, "
                + "cvat_task_id, cvat_job_id, open_key, process_instance_id, status, reviewer, end_reason from review "
                + "where " + where + " order by id")) {
            bind(query, parameters);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ReviewRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
        }
        return rows;
    }

    private List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        Connection db = db();
        try (PreparedStatement query = db.prepareStatement(sql)) {
            bind(query, parameters);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
