package io.cvatqueue.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.review.DecisionHistory.Decision;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/** The decision history: opens with every decision, and its filters narrow the grid. */
class HistoryViewTest extends KaribuSpringTest {

    @Autowired
    ReviewService reviewService;

    AppUser admin;
    AppUser rita;
    Review approved;
    Review rejected;

    @BeforeEach
    void oneApprovedAndOneRejectedReview() {
        admin = account("history-admin", Role.ADMIN, "demo-admin");
        rita = account("history-rita", Role.REVIEWER, "rita");
        TrackedTask task = trackedTask(5);
        List<Review> queued = freshQueuedReviews(task, 2);
        approved = decide(queued.get(0), true);
        rejected = decide(queued.get(1), false);
    }

    @Test
    void showsBothDecisionsAndFiltersByDecision() {
        HistoryView view = openHistory();

        assertThat(rows(view)).extracting(Decision::reviewId).contains(approved.id(), rejected.id());

        _setValue(view.decision, ReviewStatus.REJECTED);

        assertThat(rows(view)).extracting(Decision::reviewId).contains(rejected.id()).doesNotContain(approved.id());
        assertThat(rows(view)).filteredOn(d -> d.reviewId() == rejected.id()).singleElement()
                .satisfies(d -> assertThat(d.note()).contains("Wrong labels"));
    }

    @Test
    void aPastRejectionReadsAsRejectedNotAsWhereTheReviewIsNow() {
        HistoryView view = openHistory();
        int row = rows(view).stream().map(Decision::reviewId).toList().indexOf(rejected.id());

        var badge = (com.vaadin.flow.component.html.Span) GridKt._getCellComponent(view.grid, row, "decision");

        assertThat(badge.getText()).isEqualTo("Rejected");
        assertThat(view.decision.getItemLabelGenerator().apply(ReviewStatus.REJECTED)).isEqualTo("Rejected");
    }

    @Test
    void filtersByReviewer() {
        HistoryView view = openHistory();

        _setValue(view.reviewer, "nobody-decided-this");

        assertThat(rows(view)).isEmpty();
    }

    @Test
    void timesAndDaysAreTheUsersOwnInTheBrowsersZone() {
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati"); // UTC+14: no server runs there, so a mix-up shows
        loginAs(admin);
        BrowserZone.remember(VaadinSession.getCurrent(), kiritimati);
        UI.getCurrent().navigate("history");
        HistoryView view = _get(HistoryView.class);
        Decision decision = rows(view).get(0);

        String shown = GridKt._getFormatted(view.grid, 0, "when");

        assertThat(shown).isEqualTo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(kiritimati)
                .format(decision.decidedAt()));
        assertThat(view.filter().zone()).isEqualTo(kiritimati);
    }

    @Test
    void onAPhoneTheFiltersFoldBehindOneButtonThatCountsThem() {
        HistoryView view = openHistory();
        FilterPanel filters = _get(FilterPanel.class);
        assertThat(filters.toggle.getText()).isEqualTo("Filters");

        _setValue(view.reviewer, "rita");
        _setValue(view.decision, ReviewStatus.REJECTED);

        assertThat(filters.toggle.getText()).isEqualTo("Filters (2 set)");
        filters.toggle.click();
        assertThat(filters.isOpen()).isTrue();
        assertThat(filters.toggle.getText()).isEqualTo("Hide filters (2 set)");
    }

    private Review decide(Review review, boolean approve) {
        actAs(admin);
        reviewService.assign(review.id(), rita.username());
        actAs(rita);
        reviewService.startReview(review.id());
        runDueJobs();
        if (approve) {
            reviewService.approve(review.id(), "fine");
        } else {
            reviewService.reject(review.id(), "Wrong labels", "boxes too loose");
        }
        runDueJobs();
        return review;
    }

    private HistoryView openHistory() {
        loginAs(admin);
        UI.getCurrent().navigate("history");
        return _get(HistoryView.class);
    }

    private static List<Decision> rows(HistoryView view) {
        return GridKt._fetch(view.grid, 0, 1000);
    }
}
