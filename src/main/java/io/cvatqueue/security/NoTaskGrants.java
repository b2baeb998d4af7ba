package io.cvatqueue.security;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default authorizations, except the per-task grants it writes for a task's assignee, owner and
 * candidates (one authorization row per review task). In this app nobody could use them: only members of
 * {@code camunda-admin} get into the webapps and they may do everything anyway; reviewers and the candidate
 * group {@code admins} of the workflow are no Camunda identities.
 */
class NoTaskGrants extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        return null;
    }
}
