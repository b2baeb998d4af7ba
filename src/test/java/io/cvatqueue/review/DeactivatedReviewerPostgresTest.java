package io.cvatqueue.review;

import io.cvatqueue.PostgresTestSchema;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.SQLException;

/**
 * {@link DeactivatedReviewerIntegrationTest} on PostgreSQL, the database that several nodes share: moving a review
 * whose CVAT step is running relies on Camunda's optimistic locking, which this checks on PostgreSQL's
 * transactions too. In a schema of its own; skipped without PostgreSQL unless {@code REQUIRE_POSTGRES=1}.
 */
@ActiveProfiles("postgres") // added to the test and demo profiles of the specification it runs again
@EnabledIf("postgresAvailable")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeactivatedReviewerPostgresTest extends DeactivatedReviewerIntegrationTest {

    static boolean postgresAvailable() {
        return PostgresTestSchema.available();
    }

    @DynamicPropertySource
    static void ownSchema(DynamicPropertyRegistry registry) throws SQLException {
        PostgresTestSchema.createFor(registry, "cqm_reassign_");
    }
}
