package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.queue.QueueEntry;
import io.cvatqueue.queue.QueueFilter;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.away.AwayService;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The admins' review queue: server-side filters, bulk and single assignment, and two admins at once. */
class QueueViewTest extends KaribuSpringTest {

    @Autowired
    ReviewService reviewService;
    @Autowired
    AwayService away;
    @Autowired
    JdbcTemplate jdbc;

    AppUser admin;
    AppUser otherAdmin;
    AppUser rita;
    TrackedTask task;

    @BeforeEach
    void twoAdminsAndAReviewerOnATrackedTask() {
        admin = account("queue-admin", Role.ADMIN, "demo-admin");
        otherAdmin = account("queue-admin2", Role.ADMIN, "demo-admin");
        rita = account("queue-rita", Role.REVIEWER, "rita");
        task = trackedTask(1);
    }

    @Test
    void filtersNarrowTheQueueByTaskStatusAndReviewer() {
        List<Review> fresh = freshQueuedReviews(task, 3);
        actAs(admin);
        reviewService.assign(fresh.get(0).id(), rita.username());

        QueueView view = openQueue();
        _setValue(view.taskFilter, task);
        assertThat(rows(view)).allMatch(e -> e.cvatTaskId() == task.cvatTaskId())
                .extracting(QueueEntry::cvatJobId).contains(jobIds(fresh).toArray(Long[]::new));

        _setValue(view.statusFilter, Set.of(ReviewStatus.ASSIGNED));
        _setValue(view.reviewerFilter, rita.username());
        assertThat(rows(view)).allMatch(e -> rita.username().equals(e.reviewer()) && e.status() == ReviewStatus.ASSIGNED)
                .extracting(QueueEntry::cvatJobId).contains(fresh.get(0).cvatJobId())
                .doesNotContain(fresh.get(1).cvatJobId(), fresh.get(2).cvatJobId());

        _setValue(view.statusFilter, Set.of(ReviewStatus.QUEUED));
        _setValue(view.reviewerFilter, QueueFilter.UNASSIGNED);
        assertThat(rows(view)).allMatch(e -> e.reviewer() == null && e.status() == ReviewStatus.QUEUED)
                .extracting(QueueEntry::cvatJobId)
                .contains(fresh.get(1).cvatJobId(), fresh.get(2).cvatJobId())
                .doesNotContain(fresh.get(0).cvatJobId());

        _setValue(view.overdueOnly, true);
        assertThat(rows(view)).allMatch(QueueEntry::overdue);
    }

    @Test
    void amongEqualPrioritiesTheLongestWaitingComesFirst() {
        // task 1 has few unfinished jobs left for the other tests
        task = trackedTask(8);
        List<Review> fresh = freshQueuedReviews(task, 3);
        // queued in the opposite order of their ids, as when jobs come back to the queue
        for (int i = 0; i < fresh.size(); i++) {
            jdbc.update("update review set priority = 2, queued_at = dateadd('MINUTE', ?, current_timestamp) "
                    + "where id = ?", -10 * (i + 1), fresh.get(i).id());
        }

        QueueView view = openQueue();
        _setValue(view.taskFilter, task);

        List<Long> jobsInGridOrder = rows(view).stream().map(QueueEntry::cvatJobId)
                .filter(jobIds(fresh)::contains).toList();
        assertThat(jobsInGridOrder).containsExactly(fresh.get(2).cvatJobId(), fresh.get(1).cvatJobId(),
                fresh.get(0).cvatJobId());
    }

    @Test
    void bulkAssignReportsHowManyWereAssignedAndWhySomeWereNot() {
        List<Review> fresh = freshQueuedReviews(task, 3);
        QueueView view = openQueue();
        _setValue(view.taskFilter, task);
        _setValue(view.reviewerFilter, QueueFilter.UNASSIGNED);
        rows(view).stream().filter(e -> jobIds(fresh).contains(e.cvatJobId())).forEach(view.grid::select);
        assertThat(view.grid.getSelectedItems()).hasSize(3);
        _setValue(view.bulk.reviewer, rita);

        // meanwhile another admin takes one of them
        actAs(otherAdmin);
        reviewService.assign(fresh.get(1).id(), otherAdmin.username());
        actAs(admin);
        _click(view.bulk.assign);

        Notification problems = _get(Notification.class, spec -> spec.withId("bulk-problems"));
        assertThat(BasicText.of(problems)).contains("2 assigned to queue-rita, 1 not:");
        assertThat(_find(problems, ListItem.class)).singleElement().extracting(ListItem::getText).asString()
                .contains("already assigned to queue-admin2 — someone else acted first");
        assertThat(reload(fresh.get(0)).reviewer()).isEqualTo(rita.username());
        assertThat(reload(fresh.get(1)).reviewer()).isEqualTo(otherAdmin.username());
        assertThat(reload(fresh.get(2)).reviewer()).isEqualTo(rita.username());
        // the grid shows the queue as it now is: none of them is unassigned any more
        assertThat(rows(view)).extracting(QueueEntry::cvatJobId).doesNotContainAnyElementsOf(jobIds(fresh));
        assertThat(view.grid.getSelectedItems()).isEmpty();
    }

    @Test
    void allAssignedInBulkIsReportedAsSuccess() {
        List<Review> fresh = freshQueuedReviews(task, 2);
        QueueView view = openQueue();
        _setValue(view.taskFilter, task);
        rows(view).stream().filter(e -> jobIds(fresh).contains(e.cvatJobId())).forEach(view.grid::select);
        _setValue(view.bulk.reviewer, rita);

        _click(view.bulk.assign);

        assertThat(notificationTexts()).contains("2 assigned to queue-rita");
        assertThat(fresh).allMatch(r -> reload(r).status() == ReviewStatus.ASSIGNED);
    }

    @Test
    void adminWhoAssignsSecondIsToldWhoWasQuickerAndSeesTheNewState() {
        Review review = freshQueuedReviews(task, 1).get(0);
        QueueView view = openQueue();
        _setValue(view.taskFilter, task);
        int row = rowOf(view, review);
        _click((Button) GridKt._getCellComponent(view.grid, row, "action"));
        ReviewerChoice reviewer = _get(ReviewerChoice.class, spec -> spec.withId("assign-reviewer"));
        _setValue(reviewer, rita);

        actAs(otherAdmin);
        reviewService.assign(review.id(), otherAdmin.username());
        actAs(admin);
        _click(_get(Button.class, spec -> spec.withId("assign-confirm")));

        assertThat(notificationTexts()).contains("Job " + review.cvatJobId()
                + " is already assigned to queue-admin2 — someone else acted first");
        assertThat(reload(review).reviewer()).isEqualTo(otherAdmin.username());
        QueueEntry shown = rows(view).get(rowOf(view, review));
        assertThat(shown.reviewer()).isEqualTo(otherAdmin.username());
        assertThat(shown.status()).isEqualTo(ReviewStatus.ASSIGNED);
    }

    @Test
    void reassignMovesAnAssignedReviewToAnotherReviewer() {
        Review review = freshQueuedReviews(task, 1).get(0);
        actAs(admin);
        reviewService.assign(review.id(), otherAdmin.username());
        QueueView view = openQueue();
        _setValue(view.taskFilter, task);

        Button reassign = (Button) GridKt._getCellComponent(view.grid, rowOf(view, review), "action");
        assertThat(reassign.getText()).isEqualTo("Reassign");
        _click(reassign);
        _setValue(_get(ReviewerChoice.class, spec -> spec.withId("assign-reviewer")), rita);
        _click(_get(Button.class, spec -> spec.withId("assign-confirm")));

        assertThat(notificationTexts()).contains("Job " + review.cvatJobId() + " reassigned to queue-rita");
        assertThat(reload(review).reviewer()).isEqualTo(rita.username());
    }

    @Test
    void reviewersAwayAreNotOfferedInTheAssignDialogWhichSaysUntilWhen() {
        // task 1 has few unfinished jobs left for the other tests
        task = trackedTask(8);
        Review review = freshQueuedReviews(task, 1).get(0);
        AppUser ravi = account("queue-ravi", Role.REVIEWER, "ravi");
        actAs(ravi);
        away.currentAndComing(ravi.username()).forEach(period -> away.cancel(period.id()));
        Instant back = Instant.now().plus(Duration.ofDays(2));
        away.markAway(ravi.username(), Instant.now().minusSeconds(60), back, "holiday");
        try {
            QueueView view = openQueue();
            _setValue(view.taskFilter, task);

            _click((Button) GridKt._getCellComponent(view.grid, rowOf(view, review), "action"));
            ReviewerChoice reviewer = _get(ReviewerChoice.class, spec -> spec.withId("assign-reviewer"));

            assertThat(reviewer.getListDataView().getItems().map(AppUser::username).toList())
                    .contains(rita.username()).doesNotContain(ravi.username());
            assertThat(reviewer.getHelperText()).contains("queue-ravi away until " + Formats.time(back));
        } finally {
            actAs(ravi);
            away.currentAndComing(ravi.username()).forEach(period -> away.cancel(period.id()));
        }
    }

    @Test
    void aReviewReturnedToTheQueueShowsWhyBelowItsStatus() {
        // task 1 has few unfinished jobs left for the other tests
        task = trackedTask(8);
        Review review = freshQueuedReviews(task, 1).get(0);
        String note = "Returned while queue-rita is away until 2030-01-10 08:00 UTC; was reviewed by queue-rita";
        jdbc.update("update review set queue_note = ? where id = ?", note, review.id());

        QueueView view = openQueue();
        _setValue(view.taskFilter, task);

        com.vaadin.flow.component.Component status = GridKt._getCellComponent(view.grid, rowOf(view, review), "status");
        assertThat(_get(status, Span.class, spec -> spec.withClasses("queue-note")).getText()).isEqualTo(note);
    }

    @Test
    void reviewersCannotOpenTheQueue() {
        loginAs(rita);

        UI.getCurrent().navigate("admin/queue");

        _get(AccessDeniedView.class);
        _assertNone(QueueView.class);
    }

    private QueueView openQueue() {
        loginAs(admin);
        UI.getCurrent().navigate("admin/queue");
        return _get(QueueView.class);
    }

    private static List<QueueEntry> rows(QueueView view) {
        return GridKt._fetch(view.grid, 0, 1000);
    }

    private static int rowOf(QueueView view, Review review) {
        List<QueueEntry> rows = rows(view);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).reviewId() == review.id()) {
                return i;
            }
        }
        throw new AssertionError("Review of job " + review.cvatJobId() + " is not in the grid");
    }

    private static List<Long> jobIds(List<Review> reviews) {
        return reviews.stream().map(Review::cvatJobId).toList();
    }
}
