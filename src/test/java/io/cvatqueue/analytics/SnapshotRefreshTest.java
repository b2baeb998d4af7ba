package io.cvatqueue.analytics;

import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Snapshot refreshes against the stateful demo CVAT, over HTTP. */
class SnapshotRefreshTest extends AnalyticsTestBase {

    @Autowired
    SnapshotService snapshots;
    @Autowired
    MeterRegistry meters;

    @Test
    void firstRefreshDownloadsEveryJobAndTheNextOnlyTheJobsChangedSince() {
        long taskId = freshTrackedTask(6);
        List<Long> jobs = jobIds(taskId);

        RefreshSummary first = snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);

        assertThat(first).extracting(RefreshSummary::jobs, RefreshSummary::downloaded, RefreshSummary::unchanged,
                RefreshSummary::failed).containsExactly(jobs.size(), jobs.size(), 0, 0);
        assertThat(faults.requestedJobs()).containsExactlyInAnyOrderElementsOf(jobs);

        long completed = jobs.get(0);
        long started = jobs.get(1);
        cvat.startJob(completed, "anna");
        cvat.completeJob(completed);
        cvat.startJob(started, "tom");
        faults.reset();
        long requestsBefore = cvatRequests();

        RefreshSummary second = snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);

        assertThat(second).extracting(RefreshSummary::jobs, RefreshSummary::downloaded, RefreshSummary::unchanged,
                RefreshSummary::failed).containsExactly(jobs.size(), 2, jobs.size() - 2, 0);
        assertThat(faults.requestedJobs()).containsExactlyInAnyOrder(completed, started);
        // one list request for the task's metadata plus one download per changed job
        assertThat(cvatRequests() - requestsBefore).isEqualTo(1 + 2);
        AnnotationSnapshot latest = snapshots.latestJobs(instance.id(), taskId).stream()
                .filter(s -> s.cvatJobId() == completed).findFirst().orElseThrow();
        DemoCvatModel.Annotations inCvat = cvat.annotations(completed);
        assertThat(latest).extracting(AnnotationSnapshot::shapes, AnnotationSnapshot::tracks, AnnotationSnapshot::tags,
                        AnnotationSnapshot::stage, AnnotationSnapshot::state, AnnotationSnapshot::assignee)
                .containsExactly(inCvat.shapes(), inCvat.tracks(), inCvat.tags(), "annotation", "completed", "anna");
        assertThat(latest.jobUpdatedDate()).isEqualTo(cvat.job(completed).updatedDate());
    }

    @Test
    void unchangedTaskCostsOneListRequestAndNoDownload() {
        long taskId = freshTrackedTask(8);
        snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);
        faults.reset();
        long requestsBefore = cvatRequests();

        RefreshSummary again = snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);

        assertThat(again.downloaded()).isZero();
        assertThat(again.unchanged()).isEqualTo(again.jobs());
        assertThat(faults.requestedJobs()).isEmpty();
        assertThat(cvatRequests() - requestsBefore).isEqualTo(1);
    }

    @Test
    void downloadsRunConcurrentlyButNeverMoreThanTheConfiguredThreeAtOnce() {
        long taskId = freshTrackedTask(3);
        faults.slowDownBy(Duration.ofMillis(60));
        AtomicInteger lastProgress = new AtomicInteger();

        RefreshSummary summary = snapshots.refreshTask(instance.id(), taskId,
                (done, total) -> lastProgress.set(done));

        assertThat(summary.downloaded()).isEqualTo(jobIds(taskId).size());
        assertThat(faults.maxConcurrentRequests()).isBetween(2, 3);
        assertThat(lastProgress.get()).isEqualTo(summary.downloaded());
    }

    @Test
    void aJobCvatFailsToServeIsReportedWhileTheOthersAreSavedAndItIsRetriedNextTime() {
        long taskId = freshTrackedTask(4);
        List<Long> jobs = jobIds(taskId);
        long failing = jobs.get(5);
        faults.failAnnotationsOf(failing);

        RefreshSummary summary = snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.downloaded()).isEqualTo(jobs.size() - 1);
        assertThat(summary.errors()).singleElement().asString()
                .startsWith("Job " + failing + ": ").contains("503");
        assertThat(snapshots.latestJobs(instance.id(), taskId)).hasSize(jobs.size() - 1)
                .noneMatch(s -> s.cvatJobId() == failing);
        assertThat(snapshots.lastRefresh(instance.id(), taskId)).get()
                .satisfies(r -> assertThat(r.failed()).isEqualTo(1))
                .satisfies(r -> assertThat(r.errors()).contains("Job " + failing));

        faults.reset();
        RefreshSummary retry = snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);

        assertThat(retry.downloaded()).isEqualTo(1);
        assertThat(retry.failed()).isZero();
        assertThat(faults.requestedJobs()).containsExactly(failing);
    }

    @Test
    void aSecondRefreshOfTheSameTaskWhileOneRunsIsToldSo() throws Exception {
        long taskId = freshTrackedTask(7);
        faults.slowDownBy(Duration.ofMillis(100));
        CompletableFuture<RefreshSummary> running =
                snapshots.refreshTaskInBackground(instance.id(), taskId, RefreshProgress.NONE);
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.requestsInFlight() > 0);

        assertThatThrownBy(() -> snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE))
                .isInstanceOf(AnalyticsException.AlreadyRunning.class)
                .hasMessageContaining("already running");
        assertThat(running.get(30, TimeUnit.SECONDS).downloaded()).isEqualTo(jobIds(taskId).size());
    }

    @Test
    void theTimerRunsOnOneNodeOnlyAndNotAgainRightAfterAnotherNodeRan() throws Exception {
        CompletableFuture<Optional<List<RefreshSummary>>> nodeA =
                CompletableFuture.supplyAsync(snapshots::refreshAllIfDue);
        CompletableFuture<Optional<List<RefreshSummary>>> nodeB =
                CompletableFuture.supplyAsync(snapshots::refreshAllIfDue);

        List<Optional<List<RefreshSummary>>> runs = List.of(nodeA.get(60, TimeUnit.SECONDS),
                nodeB.get(60, TimeUnit.SECONDS));

        assertThat(runs).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(snapshots.refreshAllIfDue()).isEmpty();
    }

    @Test
    void anUntrackedTaskIsNotRefreshed() {
        trackedTasks.findByInstanceIdAndCvatTaskId(instance.id(), 5).ifPresent(trackedTasks::delete);

        assertThatThrownBy(() -> snapshots.refreshTask(instance.id(), 5, RefreshProgress.NONE))
                .isInstanceOf(AnalyticsException.UnknownTask.class)
                .hasMessage("Task 5 is not tracked in this CVAT instance");
        assertThat(faults.requestedJobs()).isEmpty();
    }

    @Test
    void timelineSumsEachJobsLatestCountsAtEveryRefreshThatSawChanges() {
        long taskId = freshTrackedTask(2);
        List<Long> jobs = jobIds(taskId);
        snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);
        int before = jobs.stream().mapToInt(id -> cvat.annotations(id).total()).sum();
        cvat.startJob(jobs.get(0), "mia");
        cvat.completeJob(jobs.get(0));
        snapshots.refreshTask(instance.id(), taskId, RefreshProgress.NONE);
        int after = jobs.stream().mapToInt(id -> cvat.annotations(id).total()).sum();

        List<TimelinePoint> timeline = snapshots.timeline(instance.id(), taskId);

        assertThat(timeline).extracting(TimelinePoint::total).containsExactly(before, after);
        assertThat(snapshots.annotatorProgress(instance.id(), taskId))
                .filteredOn(p -> p.annotator().equals("mia")).singleElement()
                .satisfies(mia -> assertThat(mia.completedJobs()).isPositive());
    }

    private long cvatRequests() {
        return meters.find("cvat.client.requests").tag("instance", instance.name()).timers().stream()
                .mapToLong(Timer::count).sum();
    }
}
