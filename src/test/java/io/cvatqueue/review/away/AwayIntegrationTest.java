package io.cvatqueue.review.away;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.notification.Notification;
import io.cvatqueue.notification.NotificationService;
import io.cvatqueue.review.AuditTrail;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewerPicker;
import io.cvatqueue.review.priority.PriorityScope;
import io.cvatqueue.review.priority.PriorityService;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewVariables;
import io.cvatqueue.settings.Priority;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import io.cvatqueue.sync.SyncService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.ActiveProfiles;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A reviewer away gets no new reviews, and admins learn which of their reviews would go overdue meanwhile. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"app.demo.simulate=false"})
@ActiveProfiles({"test", "demo"})
class AwayIntegrationTest {

    @Autowired
    PriorityService priorities;
    @Autowired
    SyncService sync;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    DemoCvat cvat;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;
    @Autowired
    WorkflowSettingsService settings;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    @Autowired
    AwayService away;
    @Autowired
    ReviewerPicker picker;
    @Autowired
    NotificationService notifications;
    @Autowired
    AuditTrail audit;
    @Autowired
    io.cvatqueue.review.QueueNotes queueNotes;

    DemoWorld world;
    CvatInstance instance;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void demoInstanceWithAnAdminAndAReviewer() {
        world = new DemoWorld(context);
        instance = world.instance();
        admin = world.account("away-admin", Role.ADMIN, "demo-admin");
        rita = world.account("away-rita", Role.REVIEWER, "rita");
        world.actAs(admin);
        // the tests share one app: each starts with rita present
        away.currentAndComing(rita.username()).forEach(period -> away.cancel(period.id()));
        WorkflowSettings current = settings.get();
        settings.update(new WorkflowSettings(current.syncInterval(), false, current.maxOpenPerReviewer(), 100,
                Duration.ofHours(48)).withTeamSettings(current.assignmentPolicy(), Duration.ofHours(96),
                Duration.ofHours(24), Duration.ofHours(4)));
    }

    @AfterEach
    void logout() {
        world.logOut();
    }

    @Test
    void reviewsThatWouldGoOverdueWhileAwayAreFlaggedToAdmins() {
        Review urgent = queuedReview();
        priorities.setForReviews(java.util.List.of(urgent.id()), Priority.URGENT);
        reviewService.assign(urgent.id(), rita.username());
        Review relaxed = queuedReview();
        priorities.setForReviews(java.util.List.of(relaxed.id()), Priority.LOW);
        reviewService.assign(relaxed.id(), rita.username());

        world.actAs(rita);
        away.markAway(rita.username(), Instant.now(), Instant.now().plus(Duration.ofDays(1)), "dentist");

        assertThat(notifications.latest(admin.username(), 20)).extracting(Notification::message)
                .anyMatch(m -> m.contains("away-rita is away") && m.contains(String.valueOf(urgent.cvatJobId()))
                        && !m.contains(String.valueOf(relaxed.cvatJobId())));
        assertThat(audit.forJob(instance.id(), urgent.cvatJobId())).anyMatch(e -> e.action().equals("DUE_WHILE_AWAY"));
    }

    @Test
    void aReviewerAwayIsPassedOverAndOnlyTheyOrAnAdminMarkThem() {
        Review review = queuedReview();
        world.actAs(rita);
        AwayPeriod period = away.markAway(rita.username(), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofHours(2)), null);
        assertThat(away.awayNow()).contains(rita.username());
        assertThat(picker.choose(review.id(), java.util.Set.of())).isNotEqualTo(java.util.Optional.of(
                rita.username()));
        assertThatThrownBy(() -> away.markAway("someone-else", Instant.now(), Instant.now().plusSeconds(60), null))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> away.markAway(rita.username(), Instant.now(), Instant.now().minusSeconds(60), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("an end after it");

        away.cancel(period.id());
        assertThat(away.awayNow()).doesNotContain(rita.username());
    }

    @Test
    void aRejectedJobCompletedAgainWhileItsReviewerIsAwayWaitsInTheQueueWithANote() {
        Review review = queuedReview();
        reviewService.assign(review.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(review.id());
        world.runDueJobs();
        reviewService.reject(review.id(), "Wrong labels", "Cars labelled as trucks");
        world.runDueJobs();
        Instant back = Instant.now().plus(Duration.ofDays(3));
        away.markAway(rita.username(), Instant.now().minusSeconds(60), back, "holiday");

        cvat.completeJob(review.cvatJobId());
        sync.syncTask(instance.id(), review.cvatTaskId(), "test");

        Review returned = reviews.findById(review.id()).orElseThrow();
        assertThat(returned.status()).isEqualTo(io.cvatqueue.review.ReviewStatus.QUEUED);
        assertThat(returned.reviewer()).isNull();
        assertThat(returned.rejectionCount()).isEqualTo(1);
        String note = queueNotes.of(review.id()).orElseThrow();
        assertThat(note).startsWith("Returned while away-rita is away until ")
                .endsWith("; was reviewed by away-rita");
        assertThat(audit.forJob(instance.id(), review.cvatJobId()))
                .anyMatch(e -> e.action().equals("RETURNED_TO_QUEUE") && e.note().contains(note));
        assertThat(notifications.latest(admin.username(), 20)).anyMatch(n -> n.kind()
                == io.cvatqueue.notification.NotificationKind.RETURNED_TO_QUEUE && n.message().contains(note));

        AppUser ravi = world.account("away-ravi", Role.REVIEWER, "ravi");
        world.actAs(admin);
        reviewService.assign(review.id(), ravi.username());
        assertThat(notifications.latest(ravi.username(), 5)).extracting(Notification::message)
                .contains("Job " + review.cvatJobId() + " was reworked and is assigned to you for review (" + note
                        + ")");
    }

    @Test
    void aRejectedJobCompletedAgainWhileItsReviewerIsHereGoesBackToThem() {
        Review review = queuedReview();
        reviewService.assign(review.id(), rita.username());
        world.actAs(rita);
        reviewService.startReview(review.id());
        world.runDueJobs();
        reviewService.reject(review.id(), "Wrong labels", null);
        world.runDueJobs();
        away.markAway(rita.username(), Instant.now().plus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(2)),
                "next week");

        cvat.completeJob(review.cvatJobId());
        sync.syncTask(instance.id(), review.cvatTaskId(), "test");

        Review returned = reviews.findById(review.id()).orElseThrow();
        assertThat(returned.status()).isEqualTo(io.cvatqueue.review.ReviewStatus.ASSIGNED);
        assertThat(returned.reviewer()).isEqualTo(rita.username());
        assertThat(queueNotes.of(review.id())).isEmpty();
    }

    @Test
    void nobodyAssignsAReviewToAReviewerWhoIsAway() {
        Review review = queuedReview();
        world.actAs(rita);
        away.markAway(rita.username(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)), null);
        world.actAs(admin);

        assertThatThrownBy(() -> reviewService.assign(review.id(), rita.username()))
                .isInstanceOf(io.cvatqueue.review.ReviewException.class)
                .hasMessageStartingWith("away-rita is away until ").hasMessageEndingWith("; choose someone else");
        assertThat(reviews.findById(review.id()).orElseThrow().status())
                .isEqualTo(io.cvatqueue.review.ReviewStatus.QUEUED);
    }

    @Test
    void overlappingAwayPeriodsAreRefusedWithTheOtherPeriodNamed() {
        world.actAs(rita);
        away.markAway(rita.username(), Instant.now().plus(Duration.ofDays(10)), Instant.now().plus(Duration.ofDays(12)),
                null);

        assertThatThrownBy(() -> away.markAway(rita.username(), Instant.now().plus(Duration.ofDays(11)),
                Instant.now().plus(Duration.ofDays(14)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overlaps the away period from");
    }

    private Instant slaDue(Review review) {
        Job timer = management.createJobQuery().processInstanceId(review.processInstanceId()).timers()
                .singleResult();
        return timer.getDuedate().toInstant();
    }

    private Priority priorityOf(Review review) {
        return reviews.findById(review.id()).orElseThrow().priorityLevel();
    }

    private Review queuedReview() {
        DemoCvatModel.Job job = unfinishedJob();
        world.track(job.taskId());
        return complete(job);
    }

    private Review complete(DemoCvatModel.Job job) {
        world.completeAsAnna(job.id());
        sync.syncTask(instance.id(), job.taskId(), "test");
        return reviews.findByOpenKey(Review.openKey(instance.id(), job.id())).orElseThrow();
    }

    private DemoCvatModel.Job unfinishedJob() {
        DemoCvatModel.User owner = cvat.user(DemoCvat.ADMIN);
        return cvat.jobs(owner, DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION
                        && (j.state() == JobState.NEW || j.state() == JobState.IN_PROGRESS))
                .filter(j -> reviews.findByOpenKey(Review.openKey(instance.id(), j.id())).isEmpty())
                .findFirst().orElseThrow(() -> new IllegalStateException("The demo CVAT has no unfinished job left"));
    }
}
