package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.queue.TaskBoard.JobReview;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.sync.SyncResult;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** A tracked task's page: its CVAT jobs with their reviews, and the sync button. */
class TaskDetailViewTest extends KaribuSpringTest {

    AppUser admin;
    TrackedTask task;

    @BeforeEach
    void anAdminAndATrackedTask() {
        admin = account("detail-admin", Role.ADMIN, "demo-admin");
        task = trackedTask(4);
    }

    @Test
    void syncRunsInTheBackgroundAndThenShowsWhatItDid() throws Exception {
        List<Long> completedNow = completeJobsInCvat(2);
        TaskDetailView view = openTask(task.cvatTaskId());

        _click(view.sync);

        assertThat(view.sync.isEnabled()).as("no second sync while one runs").isFalse();
        assertThat(view.syncing.isVisible()).isTrue();
        SyncResult result = view.runningSync.get(30, TimeUnit.SECONDS).result();
        MockVaadin.runUIQueue();

        assertThat(result.queued()).isGreaterThanOrEqualTo(2);
        assertThat(view.syncSummary.getText()).isEqualTo("Synced: queued " + result.queued() + ", re-queued "
                + result.requeued() + ", skipped " + result.skipped());
        assertThat(view.sync.isEnabled()).isTrue();
        assertThat(view.syncing.isVisible()).isFalse();
        List<JobReview> jobs = GridKt._fetch(view.jobs, 0, 1000);
        assertThat(jobs).filteredOn(j -> completedNow.contains(j.cvatJobId()))
                .hasSize(2).allMatch(j -> j.reviewStatus() == ReviewStatus.QUEUED && "anna".equals(j.annotator()));
        assertThat(view.lastSync.getText()).contains(result.summary());
    }

    @Test
    void aSyncFromThePageAsksCvatNoMoreThanTheSyncItself() throws Exception {
        completeJobsInCvat(1);
        TaskDetailView view = openTask(task.cvatTaskId());

        double before = cvatRequests();
        _click(view.sync);
        view.runningSync.get(30, TimeUnit.SECONDS);
        MockVaadin.runUIQueue();
        double byThePage = cvatRequests() - before;

        before = cvatRequests();
        sync.syncTask(instance.id(), task.cvatTaskId(), "test");
        double bySyncAlone = cvatRequests() - before;

        assertThat(byThePage).as("CVAT requests of Sync and the job table after it")
                .isEqualTo(bySyncAlone).isPositive();
    }

    private double cvatRequests() {
        return context.getBean(io.micrometer.core.instrument.MeterRegistry.class).find("cvat.client.requests")
                .timers().stream().mapToDouble(io.micrometer.core.instrument.Timer::count).sum();
    }

    @Test
    void jobsAreListedAsCvatReportsThem() {
        TaskDetailView view = openTask(task.cvatTaskId());

        List<JobReview> jobs = GridKt._fetch(view.jobs, 0, 1000);

        assertThat(jobs).hasSize(cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvatModel.JobFilter.task(task.cvatTaskId()))
                .size());
        assertThat(view.cvatError.isVisible()).isFalse();
        assertThat(view.title.getText()).isEqualTo(task.name());
    }

    @Test
    void untrackedTaskIsSaidToBeUntracked() {
        TaskDetailView view = openTask(987_654);

        assertThat(view.title.getText()).isEqualTo("Task not tracked");
        assertThat(view.sync.isVisible()).isFalse();
    }

    private List<Long> completeJobsInCvat(int count) {
        List<Long> ids = cvat.jobs(cvat.user(DemoCvat.ADMIN), DemoCvatModel.JobFilter.task(task.cvatTaskId())).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .limit(count).map(DemoCvatModel.Job::id).toList();
        ids.forEach(id -> {
            cvat.startJob(id, "anna");
            cvat.completeJob(id);
        });
        return ids;
    }

    private TaskDetailView openTask(long cvatTaskId) {
        loginAs(admin);
        UI.getCurrent().navigate("task/" + cvatTaskId);
        return _get(TaskDetailView.class);
    }
}
