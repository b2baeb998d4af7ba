package io.cvatqueue.review;

import io.cvatqueue.account.AccountService;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.review.away.AwayService;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Whether the reviewer who rejected a job can take it back when it is completed again: not while they are away,
 * and not once their account is deactivated (they could not log in to review it) or gone.
 */
@Service
public class ReviewerPresence {

    private final AccountService accounts;
    private final AwayService away;

    public ReviewerPresence(AccountService accounts, AwayService away) {
        this.accounts = accounts;
        this.away = away;
    }

    /**
     * Why the reviewer cannot take a review back now, as the queue note words it after "Returned ": "while rita is
     * away until …", "because rita's account is deactivated"; empty when they can.
     */
    public Optional<String> whyAbsent(String reviewer) {
        Optional<AppUser> account = accounts.findByUsername(reviewer);
        if (account.isEmpty()) {
            return Optional.of("because " + reviewer + "'s account no longer exists");
        }
        if (!account.get().active()) {
            return Optional.of("because " + reviewer + "'s account is deactivated");
        }
        return away.awayUntil(reviewer).map(until -> "while " + reviewer + " is away until " + NoteTime.format(until));
    }

    /**
     * {@link #whyAbsent} for a review that is going back to the queue: an away period may have ended between the
     * check and this step, and the job goes to the queue all the same.
     */
    public String whyReturned(String reviewer) {
        return whyAbsent(reviewer).orElse("while " + reviewer + " was away");
    }
}
