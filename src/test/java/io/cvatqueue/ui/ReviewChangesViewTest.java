package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.rework.ReworkWorker;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

/** What changed about a job, on the reviewer's desk and for admins on the queue page. */
class ReviewChangesViewTest extends KaribuSpringTest {

    @Autowired
    ReviewService reviewService;
    @Autowired
    ReworkWorker worker;

    AppUser admin;
    AppUser rita;
    TrackedTask task;

    @BeforeEach
    void adminAndReviewer() {
        admin = account("changes-admin", Role.ADMIN, "demo-admin");
        rita = account("changes-rita", Role.REVIEWER, "rita");
        task = trackedTask(7);
    }

    @Test
    void aReworkedJobBackOnTheDeskShowsWhatChangedWithLinksToTheFrames() {
        Review review = freshQueuedReviews(task, 1).get(0);
        actAs(admin);
        reviewService.assign(review.id(), rita.username());
        actAs(rita);
        reviewService.startReview(review.id());
        runDueJobs();
        reviewService.reject(review.id(), "Missing boxes", null);
        runDueJobs();
        DemoCvatModel.Job job = cvat.job(review.cvatJobId());
        cvat.drawBox(job.id(), 3, job.startFrame() + 2);
        cvat.updateJob(cvat.user("anna"), job.id(), new DemoCvatModel.JobPatch(false, null, null, JobState.COMPLETED));
        sync.syncTask(instance.id(), task.cvatTaskId(), "test");
        worker.runPending();

        loginAs(rita);
        UI.getCurrent().navigate("my-reviews");
        MyReviewsView view = _get(MyReviewsView.class);
        _click(rowButton(view, review, "What changed"));

        ReviewChangesDialog dialog = _get(ReviewChangesDialog.class);
        assertThat(_get(dialog, Paragraph.class, spec -> spec.withId("rework-totals")).getText())
                .startsWith("1 added · 0 removed · 0 changed");
        assertThat(_find(dialog, Anchor.class)).anySatisfy(link -> {
            assertThat(link.getText()).isEqualTo("frame " + (job.startFrame() + 2));
            assertThat(link.getHref()).endsWith("/jobs/" + job.id() + "?frame=" + (job.startFrame() + 2));
        });
        assertThat(dialog.labels.getGenericDataView().getItems().toList()).singleElement()
                .satisfies(label -> assertThat(label.label()).isEqualTo(DemoCvatModel.LABELS.get(2)));
    }

    @Test
    void anAdminSeesJobsChangedInCvatOnTheQueueAndAdoptsCvatsState() {
        List<Review> changed = freshQueuedReviews(task, 2);
        for (Review each : changed) {
            cvat.updateJob(cvat.user(DemoCvat.ADMIN), each.cvatJobId(),
                    DemoCvatModel.JobPatch.of(each.annotatorId(), JobStage.ACCEPTANCE, JobState.COMPLETED));
        }
        sync.syncTask(instance.id(), task.cvatTaskId(), "test");
        Review review = changed.get(0);

        loginAs(admin);
        UI.getCurrent().navigate("admin/queue");
        QueueView view = _get(QueueView.class);
        assertThat(view.cvatChanges.isVisible()).isTrue();
        int listed = _find(view.cvatChanges.changes, com.vaadin.flow.component.html.Div.class,
                spec -> spec.withClasses("cvat-change")).size();
        assertThat(listed).as("both changes, and any an earlier test left").isGreaterThanOrEqualTo(2);
        assertThat(_get(view.cvatChanges, com.vaadin.flow.component.html.H4.class).getText())
                .as("the heading counts them, since the list scrolls beyond three")
                .isEqualTo("Changed in CVAT outside the workflow (" + listed + ")");
        com.vaadin.flow.component.html.Div item = _find(view.cvatChanges.changes,
                com.vaadin.flow.component.html.Div.class, spec -> spec.withClasses("cvat-change")).stream()
                .filter(d -> _get(d, com.vaadin.flow.component.html.Span.class,
                        spec -> spec.withClasses("cvat-change-summary")).getText()
                        .startsWith("Job " + review.cvatJobId() + ": Changed in CVAT: now acceptance · completed"))
                .findFirst().orElseThrow(() -> new AssertionError("job " + review.cvatJobId() + " is not listed"));
        _click(_get(item, Button.class, spec -> spec.withText("Adopt CVAT's state")));

        assertThat(reload(review).status()).isEqualTo(ReviewStatus.ACCEPTED_IN_CVAT);
        assertThat(notificationTexts()).anySatisfy(text -> assertThat(text).contains("accepted in cvat"));
    }

    private static Button rowButton(MyReviewsView view, Review review, String caption) {
        List<QueueEntry> rows = GridKt._fetch(view.open, 0, 1000);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).reviewId() == review.id()) {
                Component actions = GridKt._getCellComponent(view.open, i, "actions");
                return _get(actions, Button.class, spec -> spec.withText(caption));
            }
        }
        throw new AssertionError("Job " + review.cvatJobId() + " is not on the desk");
    }
}
