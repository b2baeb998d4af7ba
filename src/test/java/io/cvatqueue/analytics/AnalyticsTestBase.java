package io.cvatqueue.analytics;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the analytics tests: the whole app with the demo CVAT on a random port, so snapshots are downloaded over
 * real HTTP through {@link CvatFaults}. Downloads are capped at 3 at once to make the bound observable. All
 * subclasses share one Spring context; each test works on its own demo task, so their snapshots do not mix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.demo.simulate=false", "app.analytics.max-concurrent-downloads=3"})
@ActiveProfiles({"test", "demo"})
@Import(CvatFaults.class)
public abstract class AnalyticsTestBase {

    public static final String PASSWORD = TestAccounts.PASSWORD;

    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected DemoCvat cvat;
    @Autowired
    protected CvatFaults faults;
    @Autowired
    protected CvatInstanceRepository instances;
    @Autowired
    protected TrackedTaskRepository trackedTasks;
    @Autowired
    protected JdbcTemplate jdbc;

    protected DemoWorld world;
    protected CvatInstance instance;

    @BeforeEach
    void demoInstanceAndAHealthyCvat() {
        world = new DemoWorld(context);
        instance = world.instance();
        faults.reset();
    }

    /** Tracks the demo task and forgets its earlier snapshots, so the test starts from the first refresh. */
    protected long freshTrackedTask(long taskId) {
        world.track(taskId);
        jdbc.update("delete from annotation_snapshot where instance_id = ? and cvat_task_id = ?", instance.id(), taskId);
        jdbc.update("delete from analytics_refresh where instance_id = ? and cvat_task_id = ?", instance.id(), taskId);
        return taskId;
    }

    protected java.util.List<Long> jobIds(long taskId) {
        return cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvatModel.JobFilter.task(taskId)).stream()
                .map(DemoCvatModel.Job::id).toList();
    }

    /** An account on the demo instance with {@link #PASSWORD}, proved by the demo CVAT user of that name. */
    protected AppUser account(String username, Role role, String cvatUsername) {
        return world.accountWithPassword(username, role, cvatUsername);
    }
}
