package io.cvatqueue;

import org.springframework.jdbc.core.JdbcTemplate;

/** Test data helpers for accounts. */
public final class TestAccounts {

    public static final String PASSWORD = "correct horse battery";

    private TestAccounts() {
    }

    /**
     * Empties the accounts and CVAT instances of the shared test database, so that the next registration is
     * again the app's first. Rows of other features that point at old instances are left as orphans: tests
     * that need them create their own.
     */
    public static void deleteAllAccountsAndInstances(JdbcTemplate jdbc) {
        jdbc.execute("set referential_integrity false");
        try {
            jdbc.update("delete from app_user");
            jdbc.update("delete from cvat_instance");
        } finally {
            jdbc.execute("set referential_integrity true");
        }
    }

    public static long count(JdbcTemplate jdbc, String table) {
        Long count = jdbc.queryForObject("select count(*) from " + table, Long.class);
        return count == null ? 0 : count;
    }
}
