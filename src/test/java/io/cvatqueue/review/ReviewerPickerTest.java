package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatOrganization;
import io.cvatqueue.settings.WorkflowSettings;
import io.cvatqueue.settings.WorkflowSettingsService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Auto-assignment: round robin over active reviewers of the instance, skipping those at the cap. */
class ReviewerPickerTest {

    private static final long INSTANCE = 1;

    private final WorkflowSettingsService settings = mock(WorkflowSettingsService.class);
    private final AccountService accounts = mock(AccountService.class);
    private final ReviewRepository reviews = mock(ReviewRepository.class);
    private final AuditTrail audit = mock(AuditTrail.class);
    private final io.cvatqueue.review.away.AwayService away = mock(io.cvatqueue.review.away.AwayService.class);
    private final org.springframework.context.ApplicationEventPublisher events =
            mock(org.springframework.context.ApplicationEventPublisher.class);
    private final ReviewerPicker picker = new ReviewerPicker(settings, accounts, reviews, audit, away,
            events);
    private final Map<String, String> state = new HashMap<>();
    private final Map<String, Long> openPerReviewer = new HashMap<>();

    @BeforeEach
    void threeReviewersAnAdminAndAReview() {
        autoAssign(true, 2);
        when(accounts.activeUsersOf(INSTANCE)).thenReturn(List.of(user("rob", Role.REVIEWER),
                user("ada", Role.ADMIN), user("rita", Role.REVIEWER), user("ravi", Role.REVIEWER)));
        Review review = Review.queued(INSTANCE, 3, 42, null, "anna", CvatOrganization.of(null), Instant.EPOCH);
        when(reviews.findById(7L)).thenReturn(Optional.of(review));
        when(settings.state(anyString())).thenAnswer(call -> Optional.ofNullable(state.get(call.<String>getArgument(0))));
        doAnswer(call -> state.put(call.getArgument(0), call.getArgument(1))).when(settings).putState(anyString(),
                anyString());
        when(reviews.countActiveForReviewer(anyString()))
                .thenAnswer(call -> openPerReviewer.getOrDefault(call.<String>getArgument(0), 0L));
    }

    @Test
    void takesReviewersInTurnByUsernameAndNeverAnAdmin() {
        assertThat(List.of(pick(), pick(), pick(), pick())).containsExactly("ravi", "rita", "rob", "ravi");
    }

    @Test
    void skipsReviewersAtTheCapOfOpenReviews() {
        openPerReviewer.put("rita", 2L);

        assertThat(List.of(pick(), pick(), pick())).containsExactly("ravi", "rob", "ravi");
    }

    @Test
    void leavesTheReviewForAnAdminWhenEveryoneIsAtTheCap() {
        openPerReviewer.putAll(Map.of("ravi", 2L, "rita", 5L, "rob", 2L));

        assertThat(picker.pick(7L)).isEmpty();
    }

    @Test
    void doesNothingWhenAutoAssignmentIsOff() {
        autoAssign(false, 2);

        assertThat(picker.pick(7L)).isEmpty();
        assertThat(state).isEmpty();
    }

    @Test
    void aNewReviewDoesNotOvertakeMoreUrgentOrOlderReviewsWaitingInTheQueue() {
        when(reviews.countQueuedAhead(org.mockito.ArgumentMatchers.eq(INSTANCE), org.mockito.ArgumentMatchers.eq(7L),
                org.mockito.ArgumentMatchers.anyInt(), org.mockito.ArgumentMatchers.any())).thenReturn(1L);

        assertThat(picker.pick(7L)).isEmpty();
        org.mockito.Mockito.verify(events).publishEvent(new ReviewEvents.QueueMayMove(INSTANCE));
        assertThat(state).isEmpty();
    }

    private String pick() {
        return picker.pick(7L).orElseThrow();
    }

    private void autoAssign(boolean on, int cap) {
        when(settings.get()).thenReturn(new WorkflowSettings(Duration.ofMinutes(5), on, cap, 100,
                Duration.ofHours(48)));
    }

    @Test
    void reviewersAwayGetNothingNew() {
        when(away.awayNow()).thenReturn(java.util.Set.of("ravi", "rita"));

        assertThat(List.of(pick(), pick())).containsExactly("rob", "rob");
    }

    @Test
    void leastOpenWorkGoesToTheReviewerWithFewestOpenFramesBelowTheCap() {
        when(settings.get()).thenReturn(new WorkflowSettings(Duration.ofMinutes(5), true, 2, 100,
                Duration.ofHours(48)).withTeamSettings(io.cvatqueue.settings.AssignmentPolicy.LEAST_OPEN_WORK,
                Duration.ofHours(96), Duration.ofHours(24), Duration.ofHours(4)));
        when(reviews.activeFramesOf("ravi")).thenReturn(50L);
        when(reviews.activeFramesOf("rita")).thenReturn(400L);
        when(reviews.activeFramesOf("rob")).thenReturn(10L);
        openPerReviewer.put("rob", 2L);

        assertThat(pick()).isEqualTo("ravi");
    }

    private static AppUser user(String username, Role role) {
        return new AppUser(null, username, "x", role, true, INSTANCE, 1L, username, null, Instant.EPOCH, null);
    }
}
