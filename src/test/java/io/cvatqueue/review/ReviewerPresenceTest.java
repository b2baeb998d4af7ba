package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.review.away.AwayService;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Whether the reviewer who rejected a job can take it back, and how the queue note says why not. */
class ReviewerPresenceTest {

    private final AccountService accounts = mock(AccountService.class);
    private final AwayService away = mock(AwayService.class);
    private final ReviewerPresence presence = new ReviewerPresence(accounts, away);

    @Test
    void anActiveReviewerWhoIsNotAwayTakesTheReviewBack() {
        when(accounts.findByUsername("rita")).thenReturn(Optional.of(reviewer("rita", true)));

        assertThat(presence.whyAbsent("rita")).isEmpty();
    }

    @Test
    void aReviewerWithoutAnAccountAnyMoreCannot() {
        when(accounts.findByUsername("gone")).thenReturn(Optional.empty());

        assertThat(presence.whyAbsent("gone")).contains("because gone's account no longer exists");
        assertThat(presence.whyReturned("gone")).isEqualTo("because gone's account no longer exists");
    }

    @Test
    void aDeactivatedReviewerCannotEvenWhenNotAway() {
        when(accounts.findByUsername("rita")).thenReturn(Optional.of(reviewer("rita", false)));

        assertThat(presence.whyAbsent("rita")).contains("because rita's account is deactivated");
    }

    @Test
    void anAwayReviewerCannotUntilTheirAwayPeriodEnds() {
        when(accounts.findByUsername("rita")).thenReturn(Optional.of(reviewer("rita", true)));
        when(away.awayUntil("rita")).thenReturn(Optional.of(Instant.parse("2026-12-07T00:00:00Z")));

        assertThat(presence.whyAbsent("rita")).hasValueSatisfying(why ->
                assertThat(why).startsWith("while rita is away until ").contains("2026-12-07"));
    }

    @Test
    void aReviewGoingBackToTheQueueAfterTheAwayPeriodEndedSaysTheReviewerWasAway() {
        when(accounts.findByUsername("rita")).thenReturn(Optional.of(reviewer("rita", true)));
        when(away.awayUntil("rita")).thenReturn(Optional.empty());

        assertThat(presence.whyReturned("rita")).isEqualTo("while rita was away");
    }

    private static AppUser reviewer(String username, boolean active) {
        return new AppUser(1L, username, "hash", Role.REVIEWER, active, 1L, 2L, username, "token", Instant.EPOCH, 0);
    }
}
