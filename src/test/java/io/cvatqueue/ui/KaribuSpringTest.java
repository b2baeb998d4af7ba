package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.BasicUtilsKt;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.notification.Notification;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.crypto.TokenCipher;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.sync.TrackedTaskRepository;
import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.context.ActiveProfiles;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Base for browserless UI tests (Karibu-Testing) of logged-in screens: the whole app with the demo CVAT on a
 * random port (the app calls it over HTTP), the simulated annotators off, and helpers to log in and to make
 * reviews. All subclasses share one Spring context and its database, so tests make their own data and look
 * only at it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
public abstract class KaribuSpringTest {

    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected AppUserRepository users;
    @Autowired
    protected CvatInstanceRepository instances;
    @Autowired
    protected TrackedTaskRepository trackedTasks;
    @Autowired
    protected ReviewRepository reviews;
    @Autowired
    protected SyncService sync;
    @Autowired
    protected DemoCvat cvat;
    @Autowired
    protected TokenCipher cipher;
    @Autowired
    protected ManagementService management;

    protected DemoWorld world;
    protected CvatInstance instance;

    @BeforeEach
    void demoInstance() {
        world = new DemoWorld(context);
        instance = world.instance();
    }

    @AfterEach
    void closeUiAndLogOut() {
        world.closeUi();
    }

    /** Logs in (Spring Security and the servlet request Vaadin checks roles on) and opens a fresh UI at "". */
    protected void loginAs(AppUser user) {
        world.openUiAs(user);
    }

    /** Makes services see this user as the caller, e.g. a second admin acting in between. */
    protected UsernamePasswordAuthenticationToken actAs(AppUser user) {
        return world.actAs(user);
    }

    /** An active account on the demo instance, linked to a demo CVAT user. */
    protected AppUser account(String username, Role role, String cvatUsername) {
        return world.account(username, role, cvatUsername);
    }

    /** A demo CVAT task, tracked on the demo instance (tracking it if nobody has yet). */
    protected TrackedTask trackedTask(long cvatTaskId) {
        return world.track(cvatTaskId);
    }

    /**
     * Lets annotators complete {@code count} not yet completed jobs of the task in CVAT and syncs the task, so
     * that these jobs have fresh queued reviews; returns those reviews by job id.
     */
    protected List<Review> freshQueuedReviews(TrackedTask task, int count) {
        List<Long> jobIds = cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvatModel.JobFilter.task(task.cvatTaskId())).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .limit(count)
                .map(DemoCvatModel.Job::id)
                .toList();
        if (jobIds.size() < count) {
            throw new IllegalStateException("Task " + task.cvatTaskId() + " has too few unfinished jobs left");
        }
        jobIds.forEach(world::completeAsAnna);
        sync.syncTask(instance.id(), task.cvatTaskId(), "test");
        Set<Long> wanted = Set.copyOf(jobIds);
        return reviews.findOpenByTask(instance.id(), task.cvatTaskId()).stream()
                .filter(r -> wanted.contains(r.cvatJobId()))
                .sorted(Comparator.comparing(Review::cvatJobId))
                .toList();
    }

    protected Review reload(Review review) {
        return reviews.findById(review.id()).orElseThrow();
    }

    /** Runs the workflow's due async steps, as the job executor would (the test profile switches it off). */
    protected void runDueJobs() {
        world.runDueJobs();
    }

    /** Texts of the toasts currently shown. */
    protected static List<String> notificationTexts() {
        return NotificationsKt.getNotifications().stream().map(KaribuSpringTest::text).toList();
    }

    private static String text(Notification notification) {
        String text = notification.getElement().getProperty("text");
        return text != null ? text : BasicUtilsKt.get_textRecursively(notification);
    }
}
