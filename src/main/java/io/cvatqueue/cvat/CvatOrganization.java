package io.cvatqueue.cvat;

import java.util.Map;

/**
 * The CVAT organisation context of a call. CVAT keeps each task either in a user's personal workspace or in one
 * organisation, and answers a task's lists and changes only in that context; the app remembers it per task (from
 * CVAT's {@code organization} field) and sends it with every call for that task, so that one service token can
 * work on personal and several organisations' tasks.
 *
 * @param id    CVAT's organisation id; null for the personal workspace
 * @param known false for tasks tracked before the app remembered organisations: such calls go out in the
 *              instance's configured context ({@code X-Organization} from Admin > CVAT instances)
 */
public record CvatOrganization(Long id, boolean known) {

    /** Not known yet: the instance's configured organisation, if any. */
    public static final CvatOrganization INSTANCE_DEFAULT = new CvatOrganization(null, false);

    /** The context of a resource whose {@code organization} field CVAT reported (null: personal workspace). */
    public static CvatOrganization of(Long organizationId) {
        return new CvatOrganization(organizationId, true);
    }

    /** CVAT's {@code org_id} query parameter, or an empty {@code org} for the personal workspace. */
    Map<String, Object> query() {
        if (!known) {
            return Map.of();
        }
        return id == null ? Map.of("org", "") : Map.of("org_id", id);
    }
}
