package io.cvatqueue.workflow;

import io.cvatqueue.review.ReviewVariables;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the app's Java code relies on in each of its processes: a new version may change anything else, but if
 * one of these goes missing the app breaks at run time (a query finds no task, a correlation finds no receiver).
 *
 * @param activities  activity ids the services look up (ReviewService asks for these tasks by id)
 * @param messages    message names the app correlates
 * @param errorCodes  BPMN error codes the delegates throw, which the process must catch
 */
public record AppProcessContract(String processKey, Set<String> activities, Set<String> messages,
                                 Set<String> errorCodes) {

    public static final String SYNC_PROCESS_KEY = "cvat-sync";

    /** The app's processes (processes/*.bpmn) in the order the admin page offers them. */
    public static final List<String> PROCESS_KEYS = List.of(ReviewVariables.PROCESS_KEY, SYNC_PROCESS_KEY);

    private static final Map<String, AppProcessContract> CONTRACTS = Map.of(
            ReviewVariables.PROCESS_KEY, new AppProcessContract(ReviewVariables.PROCESS_KEY,
                    Set.of(ReviewVariables.TASK_ASSIGN_REVIEWER, ReviewVariables.TASK_START_REVIEW,
                            ReviewVariables.TASK_MARK_JOB_IN_REVIEW, ReviewVariables.TASK_REVIEW),
                    Set.of(ReviewVariables.MESSAGE_ANNOTATION_COMPLETED, ReviewVariables.MESSAGE_JOB_DELETED,
                            ReviewVariables.MESSAGE_CVAT_STATE_ADOPTED),
                    Set.of(ReviewVariables.ERROR_JOB_DELETED)),
            SYNC_PROCESS_KEY, new AppProcessContract(SYNC_PROCESS_KEY, Set.of(), Set.of(), Set.of()));

    /** The app's own review tasks: a generated form never replaces their screens. */
    public static final Set<String> REVIEW_TASKS = Set.of(ReviewVariables.TASK_ASSIGN_REVIEWER,
            ReviewVariables.TASK_START_REVIEW, ReviewVariables.TASK_REVIEW);

    /** Variables the app puts into its processes, which expressions may use besides Spring beans. */
    public static final Set<String> KNOWN_VARIABLES = Set.of(ReviewVariables.REVIEW_ID, ReviewVariables.INSTANCE_ID,
            ReviewVariables.TASK_ID, ReviewVariables.JOB_ID, ReviewVariables.REVIEWER,
            ReviewVariables.PRIORITY, ReviewVariables.SAMPLED, ReviewVariables.DECISION,
            ReviewVariables.REJECTION_REASON, ReviewVariables.REVIEW_NOTE, ReviewVariables.DECIDED_BY,
            ReviewVariables.END_REASON, ReviewVariables.ADOPTED_STATUS, ReviewVariables.REVIEWER_AVAILABLE, "execution", "task", "authenticatedUserId", "variableScope");

    public static AppProcessContract of(String processKey) {
        return CONTRACTS.get(processKey);
    }
}
