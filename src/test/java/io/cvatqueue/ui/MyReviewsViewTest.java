package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.ComboBoxKt;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.textfield.TextArea;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.review.DecisionHistory.Decision;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The reviewer's desk: start, approve and reject own reviews, and see own decisions. */
class MyReviewsViewTest extends KaribuSpringTest {

    @Autowired
    ReviewService reviewService;

    AppUser admin;
    AppUser rita;
    TrackedTask task;

    @BeforeEach
    void aReviewerWithAnAssignedReview() {
        admin = account("desk-admin", Role.ADMIN, "demo-admin");
        rita = account("desk-rita", Role.REVIEWER, "rita");
        task = trackedTask(2);
    }

    @Test
    void startingThenApprovingMovesTheReviewThroughTheWorkflow() {
        Review review = assignedToRita();
        MyReviewsView view = openDesk();

        Button start = rowButton(view, review, "Start review");
        _click(start);

        assertThat(start.isEnabled()).as("disabled on click, against double starts").isFalse();
        assertThat(notificationTexts()).contains("Review of job " + review.cvatJobId()
                + " started; CVAT opens in a new tab");
        runDueJobs();
        assertThat(reload(review).status()).isEqualTo(ReviewStatus.IN_REVIEW);

        view.refresh();
        _click(rowButton(view, review, "Approve"));
        _setValue(_get(TextArea.class, spec -> spec.withId("approve-note")), "Clean work");
        _click(_get(Button.class, spec -> spec.withId("approve-confirm")));
        runDueJobs();
        view.refresh();

        assertThat(reload(review).status()).isEqualTo(ReviewStatus.APPROVED);
        assertThat(notificationTexts()).contains("Job " + review.cvatJobId() + " approved");
        assertThat(openRows(view)).extracting(QueueEntry::reviewId).doesNotContain(review.id());
    }

    @Test
    void aReviewAssignedWhileTheDeskIsOpenAppearsWithoutARefresh() {
        MyReviewsView view = openDesk();

        Review review = assignedToRita();
        com.github.mvysny.kaributesting.v10.MockVaadin.clientRoundtrip();

        assertThat(openRows(view)).extracting(QueueEntry::reviewId).contains(review.id());
    }

    @Test
    void rejectingNeedsAReasonAndAcceptsATypedOne() {
        Review review = inReviewWithRita();
        MyReviewsView view = openDesk();

        _click(rowButton(view, review, "Reject"));
        RejectDialog dialog = _get(RejectDialog.class);
        _click(dialog.confirm);

        assertThat(dialog.reason.isInvalid()).isTrue();
        assertThat(dialog.reason.getErrorMessage()).isEqualTo("Choose or type a reason");
        assertThat(dialog.isOpened()).isTrue();
        assertThat(reload(review).status()).isEqualTo(ReviewStatus.IN_REVIEW);

        ComboBoxKt._fireCustomValueSet(dialog.reason, "Frames 10-20 skipped");
        _setValue(dialog.note, "Please label the cyclists too");
        _click(dialog.confirm);
        runDueJobs();

        assertThat(reload(review).status()).isEqualTo(ReviewStatus.REJECTED);
        _assertNone(RejectDialog.class);
        assertThat(notificationTexts()).contains("Job " + review.cvatJobId() + " rejected: Frames 10-20 skipped");
        List<Decision> mine = GridKt._fetch(view.decisions, 0, 100);
        assertThat(mine).anySatisfy(d -> {
            assertThat(d.cvatJobId()).isEqualTo(review.cvatJobId());
            assertThat(d.decision()).isEqualTo(ReviewStatus.REJECTED);
            assertThat(d.note()).isEqualTo("Frames 10-20 skipped: Please label the cyclists too");
        });
    }

    @Test
    void rejectionReasonsComeFromTheAdminsList() {
        Review review = inReviewWithRita();
        MyReviewsView view = openDesk();

        _click(rowButton(view, review, "Reject"));

        ComboBox<String> reason = _get(RejectDialog.class).reason;
        assertThat(ComboBoxKt.getSuggestions(reason)).contains("Missing objects", "Wrong labels");
        assertThat(reason.isAllowCustomValue()).isTrue();
    }

    @Test
    void startingAgainBeforeTheWorkflowCaughtUpOpensTheJobAgainWithoutAnError() {
        Review review = assignedToRita();
        actAs(rita);
        reviewService.startReview(review.id());
        // the async step that moves it to "in review" has not run yet; the page still shows "assigned"
        MyReviewsView view = openDesk();

        assertThat(openRows(view)).filteredOn(e -> e.reviewId() == review.id())
                .extracting(QueueEntry::status).containsExactly(ReviewStatus.ASSIGNED);
        _click(rowButton(view, review, "Start review"));

        assertThat(notificationTexts()).noneMatch(text -> text.contains("cannot be started"));
        runDueJobs();
        assertThat(reload(review).status()).isEqualTo(ReviewStatus.IN_REVIEW);
    }

    private Review assignedToRita() {
        Review review = freshQueuedReviews(task, 1).get(0);
        actAs(admin);
        reviewService.assign(review.id(), rita.username());
        return review;
    }

    private Review inReviewWithRita() {
        Review review = assignedToRita();
        actAs(rita);
        reviewService.startReview(review.id());
        runDueJobs();
        return review;
    }

    private MyReviewsView openDesk() {
        loginAs(rita);
        UI.getCurrent().navigate("my-reviews");
        return _get(MyReviewsView.class);
    }

    private static List<QueueEntry> openRows(MyReviewsView view) {
        return GridKt._fetch(view.open, 0, 1000);
    }

    private static Button rowButton(MyReviewsView view, Review review, String caption) {
        List<QueueEntry> rows = openRows(view);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).reviewId() == review.id()) {
                Component actions = GridKt._getCellComponent(view.open, i, "actions");
                return _get(actions, Button.class, spec -> spec.withText(caption));
            }
        }
        throw new AssertionError("Job " + review.cvatJobId() + " is not on the desk");
    }
}
