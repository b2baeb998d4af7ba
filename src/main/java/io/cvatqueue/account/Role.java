package io.cvatqueue.account;

/** What an account may do. Spring Security sees these as ROLE_ADMIN and ROLE_REVIEWER. */
public enum Role {
    /** Manages users, instances, the workflow and backups; assigns reviews; may also review. */
    ADMIN,
    /** Reviews the jobs assigned to them. */
    REVIEWER;

    public static final String ADMIN_NAME = "ADMIN";
    public static final String REVIEWER_NAME = "REVIEWER";
}
