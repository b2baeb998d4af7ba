package io.cvatqueue.review;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.sync.TrackedTask;
import io.cvatqueue.ui.KaribuSpringTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Decisions read back from the audit trail, filtered and exported. */
class DecisionHistoryTest extends KaribuSpringTest {

    @Autowired
    DecisionHistory history;
    @Autowired
    ReviewService reviewService;

    AppUser admin;
    AppUser ravi;
    TrackedTask task;
    Review approved;
    Review rejected;

    @BeforeEach
    void oneApprovedAndOneRejectedJob() {
        admin = account("history-admin", Role.ADMIN, "demo-admin");
        ravi = account("history-ravi-" + System.nanoTime(), Role.REVIEWER, "ravi");
        task = trackedTask(7);
        List<Review> fresh = freshQueuedReviews(task, 2);
        approved = fresh.get(0);
        rejected = fresh.get(1);
        actAs(admin);
        fresh.forEach(r -> reviewService.assign(r.id(), ravi.username()));
        actAs(ravi);
        fresh.forEach(r -> reviewService.startReview(r.id()));
        runDueJobs();
        reviewService.approve(approved.id(), null);
        reviewService.reject(rejected.id(), "Wrong labels", "=cars are trucks");
        runDueJobs();
    }

    @Test
    void decisionsOfAReviewerAreListedNewestFirstWithTaskAndAnnotator() {
        DecisionHistory.Filter byRavi = DecisionHistory.Filter.all(instance.id()).withReviewer(ravi.username());

        List<DecisionHistory.Decision> decisions = history.page(byRavi, 0, 50);

        assertThat(history.count(byRavi)).isEqualTo(2);
        assertThat(decisions).extracting(DecisionHistory.Decision::cvatJobId)
                .containsExactly(rejected.cvatJobId(), approved.cvatJobId());
        assertThat(decisions.get(0).decision()).isEqualTo(ReviewStatus.REJECTED);
        assertThat(decisions.get(0).note()).isEqualTo("Wrong labels: =cars are trucks");
        assertThat(decisions.get(0).taskName()).isEqualTo(task.name());
        assertThat(decisions.get(0).annotator()).isEqualTo("anna");
        assertThat(history.deciders(instance.id())).contains(ravi.username());
    }

    @Test
    void filtersByDecisionTaskAndDays() {
        DecisionHistory.Filter byRavi = DecisionHistory.Filter.all(instance.id()).withReviewer(ravi.username());
        LocalDate today = LocalDate.now();

        assertThat(history.count(byRavi.withDecision(ReviewStatus.APPROVED))).isEqualTo(1);
        assertThat(history.count(byRavi.withTask(task.cvatTaskId()))).isEqualTo(2);
        assertThat(history.count(byRavi.withTask(task.cvatTaskId() + 1000))).isZero();
        assertThat(history.count(byRavi.withDates(today, today))).isEqualTo(2);
        assertThat(history.count(byRavi.withDates(today.plusDays(1), null))).isZero();
        assertThat(history.count(byRavi.withDates(null, today.minusDays(1)))).isZero();
    }

    @Test
    void csvExportHasAHeaderALinePerDecisionAndDefusesFormulas() {
        StringWriter csv = new StringWriter();

        history.writeCsv(DecisionHistory.Filter.all(instance.id()).withReviewer(ravi.username()), csv);

        String[] lines = csv.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("decided_at,task_id,task,job_id,reviewer,annotator,decision,reason_and_note");
        assertThat(lines[1]).contains("," + rejected.cvatJobId() + ",\"" + ravi.username() + "\",\"anna\",REJECTED,")
                .endsWith(",\"Wrong labels: =cars are trucks\"");
        assertThat(DecisionHistory.csv("=SUM(A1)")).isEqualTo("\"'=SUM(A1)\"");
        assertThat(DecisionHistory.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    }
}
