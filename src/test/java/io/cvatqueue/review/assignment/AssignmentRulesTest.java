package io.cvatqueue.review.assignment;

import io.cvatqueue.settings.AssignmentPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The assignment policies, given the reviewers who may take one more review. */
class AssignmentRulesTest {

    private static final Candidate RAVI = new Candidate("ravi", 3, 300);
    private static final Candidate RITA = new Candidate("rita", 1, 900);
    private static final Candidate ROB = new Candidate("rob", 2, 120);

    @Test
    void roundRobinTakesTheNextByUsernameAndWrapsAround() {
        List<Candidate> eligible = List.of(ROB, RAVI, RITA);

        assertThat(AssignmentRules.roundRobin(eligible, "")).contains("ravi");
        assertThat(AssignmentRules.roundRobin(eligible, "ravi")).contains("rita");
        assertThat(AssignmentRules.roundRobin(eligible, "rob")).contains("ravi");
        assertThat(AssignmentRules.roundRobin(eligible, "rico")).as("the last one left the team").contains("rita");
    }

    @Test
    void leastOpenWorkWeighsReviewsByTheirJobsFramesNotByTheirNumber() {
        // rita has the fewest reviews, but one long video job: rob has less work
        assertThat(AssignmentRules.leastOpenWork(List.of(RAVI, RITA, ROB))).contains("rob");
    }

    @Test
    void leastOpenWorkBreaksTiesByFewerReviewsThenByName() {
        Candidate ana = new Candidate("ana", 2, 100);
        Candidate ben = new Candidate("ben", 1, 100);
        Candidate cid = new Candidate("cid", 1, 100);

        assertThat(AssignmentRules.leastOpenWork(List.of(ana, cid, ben))).contains("ben");
    }

    @Test
    void nobodyEligibleMeansNobodyIsChosen() {
        assertThat(AssignmentRules.choose(AssignmentPolicy.ROUND_ROBIN, List.of(), "")).isEmpty();
        assertThat(AssignmentRules.choose(AssignmentPolicy.LEAST_OPEN_WORK, List.of(), "")).isEmpty();
    }

    @Test
    void thePolicySettingDecidesWhichRuleApplies() {
        List<Candidate> eligible = List.of(RAVI, RITA, ROB);

        assertThat(AssignmentRules.choose(AssignmentPolicy.ROUND_ROBIN, eligible, "")).contains("ravi");
        assertThat(AssignmentRules.choose(AssignmentPolicy.LEAST_OPEN_WORK, eligible, "")).contains("rob");
    }
}
