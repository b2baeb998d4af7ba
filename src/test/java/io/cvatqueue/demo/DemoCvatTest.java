package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.JobFilter;
import io.cvatqueue.demo.DemoCvatModel.JobPatch;
import io.cvatqueue.demo.DemoCvatModel.User;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCvatTest {

    private static final Clock STOPPED = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);

    private final DemoCvat cvat = new DemoCvat(STOPPED);
    private final User admin = cvat.user(DemoCvat.ADMIN);
    private final User anna = cvat.user("anna");

    @Test
    void seedIsTheSameForTheSameSeedAndClock() {
        DemoCvat other = new DemoCvat(STOPPED);

        assertThat(other.jobs(other.user(DemoCvat.ADMIN), JobFilter.all()))
                .isEqualTo(cvat.jobs(admin, JobFilter.all()));
        assertThat(other.tasks(other.user(DemoCvat.ADMIN))).isEqualTo(cvat.tasks(admin));
    }

    @Test
    void seedHasProjectsTasksAndHundredsOfJobsWithWorkToReview() {
        List<Job> jobs = cvat.jobs(admin, JobFilter.all());

        assertThat(cvat.tasks(admin)).hasSize(8);
        assertThat(cvat.tasks(admin)).extracting(DemoCvatModel.Task::projectId).containsOnly(1L, 2L, 3L);
        assertThat(jobs).hasSize(300);
        Map<String, Long> byStageAndState = jobs.stream()
                .collect(Collectors.groupingBy(j -> j.stage().wire() + "/" + j.state().wire(), Collectors.counting()));
        assertThat(byStageAndState).containsKeys("annotation/new", "annotation/in progress", "annotation/completed",
                "annotation/rejected", "validation/in progress", "acceptance/completed");
        assertThat(byStageAndState.get("annotation/completed")).isGreaterThan(30);
        assertThat(jobs).filteredOn(j -> j.state() == JobState.COMPLETED && j.stage() == JobStage.ANNOTATION)
                .allSatisfy(j -> assertThat(cvat.userById(j.assigneeId())).get()
                        .extracting(User::role).isEqualTo(DemoCvatModel.Role.ANNOTATOR));
        assertThat(cvat.users()).extracting(User::id).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void jobsOfATaskCoverItsFramesWithoutGaps() {
        DemoCvatModel.Task task = cvat.task(3);
        List<Job> jobs = cvat.jobs(admin, JobFilter.task(3));

        assertThat(jobs.get(0).startFrame()).isZero();
        for (int i = 1; i < jobs.size(); i++) {
            assertThat(jobs.get(i).startFrame()).isEqualTo(jobs.get(i - 1).stopFrame() + 1);
        }
        assertThat(jobs.get(jobs.size() - 1).stopFrame()).isEqualTo(task.size() - 1);
        assertThat(cvat.jobsSummary(3).count()).isEqualTo(jobs.size());
    }

    @Test
    void acceptsTokenAndBearerFormsAndRefusesUnknownOrMissingTokens() {
        assertThat(cvat.authenticate("Token demo-admin-token")).isEqualTo(admin);
        assertThat(cvat.authenticate("Bearer demo-anna-token")).isEqualTo(anna);

        for (String wrong : new String[] {null, "", "demo-admin-token", "Token nope", "Basic demo-admin-token"}) {
            assertThatThrownBy(() -> cvat.authenticate(wrong)).isInstanceOfSatisfying(DemoCvatException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.body()).containsEntry("detail", "Invalid token.");
                    });
        }
    }

    @Test
    void workerSeesOnlyJobsAndTasksAssignedToThem() {
        List<Job> annasJobs = cvat.jobs(anna, JobFilter.all());

        assertThat(annasJobs).isNotEmpty().allSatisfy(j -> assertThat(j.assigneeId()).isEqualTo(anna.id()));
        assertThat(annasJobs).hasSameSizeAs(cvat.jobs(admin, new JobFilter(null, null, null, null, "anna")));
        Job someoneElses = cvat.jobs(admin, new JobFilter(null, null, null, null, "tom")).get(0);
        assertThatThrownBy(() -> cvat.job(anna, someoneElses.id()))
                .isInstanceOfSatisfying(DemoCvatException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(cvat.tasks(anna)).extracting(DemoCvatModel.Task::id)
                .containsExactlyInAnyOrderElementsOf(annasJobs.stream().map(Job::taskId).distinct().toList());
    }

    @Test
    void filtersJobsByTaskStageStateAndAssignee() {
        List<Job> filtered = cvat.jobs(admin, new JobFilter(1L, null, JobStage.ANNOTATION, JobState.COMPLETED, "lee"));

        assertThat(filtered).isNotEmpty().allSatisfy(j -> {
            assertThat(j.taskId()).isEqualTo(1);
            assertThat(j.stage()).isEqualTo(JobStage.ANNOTATION);
            assertThat(j.state()).isEqualTo(JobState.COMPLETED);
            assertThat(j.assigneeId()).isEqualTo(cvat.user("lee").id());
        });
        assertThat(cvat.jobs(admin, new JobFilter(null, null, null, null, "nobody"))).isEmpty();
    }

    @Test
    void changingTheStageWithoutAStateResetsTheStateToNewLikeCvat() {
        Job done = completedJobOf("anna");

        Job moved = cvat.updateJob(admin, done.id(), new JobPatch(false, null, JobStage.VALIDATION, null));

        assertThat(moved.stage()).isEqualTo(JobStage.VALIDATION);
        assertThat(moved.state()).isEqualTo(JobState.NEW);
        assertThat(moved.assigneeId()).isEqualTo(anna.id());
    }

    @Test
    void sendingStageAndStateTogetherKeepsTheState() {
        Job done = completedJobOf("anna");
        long rita = cvat.user("rita").id();

        Job moved = cvat.updateJob(admin, done.id(), JobPatch.of(rita, JobStage.VALIDATION, JobState.IN_PROGRESS));

        assertThat(moved.stage()).isEqualTo(JobStage.VALIDATION);
        assertThat(moved.state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(moved.assigneeId()).isEqualTo(rita);
        assertThat(moved.assigneeUpdatedDate()).isAfter(done.assigneeUpdatedDate());
        assertThat(moved.updatedDate()).isAfter(done.updatedDate());
    }

    @Test
    void workerMayChangeTheStateOfTheirOwnJobButNotItsStageOrAssignee() {
        Job own = cvat.jobs(anna, new JobFilter(null, null, JobStage.ANNOTATION, JobState.IN_PROGRESS, null)).get(0);

        assertThat(cvat.updateJob(anna, own.id(), new JobPatch(false, null, null, JobState.COMPLETED)).state())
                .isEqualTo(JobState.COMPLETED);
        assertForbidden(() -> cvat.updateJob(anna, own.id(), JobPatch.of(anna.id(), JobStage.VALIDATION,
                JobState.NEW)));
        assertForbidden(() -> cvat.updateJob(anna, own.id(), JobPatch.of(null, JobStage.ANNOTATION,
                JobState.COMPLETED)));
        Job toms = completedJobOf("tom");
        assertForbidden(() -> cvat.updateJob(anna, toms.id(), new JobPatch(false, null, null, JobState.NEW)));
        assertForbidden(() -> cvat.updateJob(cvat.user("rita"), toms.id(), JobPatch.of(cvat.user("rita").id(),
                JobStage.VALIDATION, JobState.IN_PROGRESS)));
    }

    @Test
    void assigningAnUnknownUserIsABadRequest() {
        Job job = completedJobOf("mia");

        assertThatThrownBy(() -> cvat.updateJob(admin, job.id(), JobPatch.of(999L, JobStage.VALIDATION,
                JobState.NEW))).isInstanceOfSatisfying(DemoCvatException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).containsKey("assignee");
                });
    }

    @Test
    void simulatorReCompletesARejectedJobAndKeepsTheAnnotatorAsAssignee() {
        Job done = completedJobOf("anna");
        cvat.tick();
        Job rejected = cvat.updateJob(admin, done.id(), JobPatch.of(anna.id(), JobStage.ANNOTATION, JobState.REJECTED));
        int annotationsBefore = cvat.annotations(done.id()).total();

        cvat.tick();
        Job taken = cvat.job(done.id());
        Job redone = taken;
        for (int tick = 0; tick < 10 && redone.state() != JobState.COMPLETED; tick++) {
            cvat.tick();
            redone = cvat.job(done.id());
        }

        assertThat(taken.state()).isEqualTo(JobState.IN_PROGRESS);
        assertThat(taken.assigneeId()).isEqualTo(anna.id());
        assertThat(redone.stage()).isEqualTo(JobStage.ANNOTATION);
        assertThat(redone.state()).isEqualTo(JobState.COMPLETED);
        assertThat(redone.assigneeId()).isEqualTo(anna.id());
        assertThat(redone.updatedDate()).isAfter(taken.updatedDate()).isAfter(rejected.updatedDate());
        assertThat(cvat.annotations(done.id()).total()).isGreaterThan(annotationsBefore);
    }

    @Test
    void simulatedAnnotatorsStartAndFinishJobs() {
        Function<JobState, Long> count = state -> cvat.jobs(admin, JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == state).count();
        long completedBefore = count.apply(JobState.COMPLETED);
        long newBefore = count.apply(JobState.NEW);

        for (int i = 0; i < 80; i++) {
            cvat.tick();
        }

        assertThat(count.apply(JobState.COMPLETED)).isGreaterThan(completedBefore + 50);
        assertThat(count.apply(JobState.NEW)).isLessThan(newBefore);
    }

    @Test
    void simulatorLeavesJobsOfReviewersAlone() {
        Job inValidation = cvat.jobs(admin, new JobFilter(null, null, JobStage.VALIDATION, null, null)).get(0);

        for (int i = 0; i < 10; i++) {
            cvat.tick();
        }

        assertThat(cvat.job(inValidation.id())).isEqualTo(inValidation);
    }

    @Test
    void annotationCountsGrowWithWorkAndAreStablePerJob() {
        Job fresh = cvat.jobs(admin, new JobFilter(null, null, JobStage.ANNOTATION, JobState.NEW, null)).stream()
                .filter(j -> j.assigneeId() == null).findFirst().orElseThrow();

        DemoCvatModel.Annotations none = cvat.annotations(fresh.id());
        cvat.startJob(fresh.id(), "tom");
        DemoCvatModel.Annotations started = cvat.annotations(fresh.id());
        cvat.completeJob(fresh.id());
        DemoCvatModel.Annotations finished = cvat.annotations(fresh.id());

        assertThat(none.total()).isZero();
        assertThat(started.total()).isGreaterThanOrEqualTo(none.total());
        assertThat(finished.total()).isGreaterThan(started.total());
        assertThat(finished.version()).isGreaterThan(started.version());
        assertThat(cvat.annotations(fresh.id())).isEqualTo(finished);
        assertThat(new DemoCvat(STOPPED).annotations(fresh.id())).isEqualTo(none);
    }

    @Test
    void issuesArePinnedToAFrameOfTheJobAndCounted() {
        Job job = completedJobOf("lee");

        DemoCvatModel.Issue issue = cvat.createIssue(admin, job.id(), job.startFrame(), List.of(0.0, 0.0, 1.0, 1.0),
                "Missing boxes on the left");

        assertThat(issue.ownerId()).isEqualTo(admin.id());
        assertThat(cvat.issues(job.id())).contains(issue);
        assertThat(cvat.job(job.id()).issueCount()).isEqualTo(job.issueCount() + 1);
        assertThatThrownBy(() -> cvat.createIssue(admin, job.id(), job.stopFrame() + 1, List.of(0.0, 0.0),
                "outside")).isInstanceOfSatisfying(DemoCvatException.class,
                e -> assertThat(e.body()).containsKey("frame"));
        assertForbidden(() -> cvat.createIssue(cvat.user("tom"), job.id(), job.startFrame(), List.of(0.0, 0.0), "x"));
    }

    @Test
    void updatedDatesKeepIncreasingWhenTheClockStandsStill() {
        Job job = completedJobOf("mia");

        Job first = cvat.updateJob(admin, job.id(), JobPatch.of(job.assigneeId(), JobStage.VALIDATION, JobState.NEW));
        Job second = cvat.updateJob(admin, job.id(), JobPatch.of(job.assigneeId(), JobStage.ANNOTATION,
                JobState.REJECTED));

        assertThat(first.updatedDate()).isAfter(job.updatedDate());
        assertThat(second.updatedDate()).isAfter(first.updatedDate());
    }

    @Test
    void toleratesConcurrentUseBySimulatorAndApi() throws Exception {
        DemoCvat live = new DemoCvat();
        User owner = live.user(DemoCvat.ADMIN);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                work.add(pool.submit(() -> {
                    for (int n = 0; n < 50; n++) {
                        live.tick();
                        live.jobs(owner, JobFilter.all());
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(live.jobs(owner, JobFilter.all())).hasSize(300);
    }

    @Test
    void tokenHintNamesEveryTokenAndRole() {
        assertThat(cvat.tokenHint()).contains("demo-admin-token", "demo-rita-token", "demo-ravi-token",
                "demo-anna-token", "demo-tom-token", "demo-lee-token", "demo-mia-token", "reviewer", "annotator",
                "owner");
    }

    private Job completedJobOf(String annotator) {
        return cvat.jobs(admin, new JobFilter(null, null, JobStage.ANNOTATION, JobState.COMPLETED, annotator)).get(0);
    }

    private static void assertForbidden(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DemoCvatException.class,
                e -> assertThat(e.status()).isEqualTo(403));
    }
}
