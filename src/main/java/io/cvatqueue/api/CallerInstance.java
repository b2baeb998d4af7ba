package io.cvatqueue.api;

import io.cvatqueue.account.AppUser;
import org.springframework.security.access.AccessDeniedException;

/** The CVAT instance a REST call is about: the caller's own, or for admins the one named in {@code instance}. */
final class CallerInstance {

    private CallerInstance() {
    }

    static long of(AppUser user, Long requested) {
        if (requested == null || requested.longValue() == user.instanceId()) {
            return user.instanceId();
        }
        if (!user.isAdmin()) {
            throw new AccessDeniedException("Reviewers see only their own CVAT instance");
        }
        return requested;
    }
}
