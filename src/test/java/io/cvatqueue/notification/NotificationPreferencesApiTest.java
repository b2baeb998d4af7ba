package io.cvatqueue.notification;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.api.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GET and PUT /api/v1/me/notification-preferences; the outbox's failures for admins over REST. */
class NotificationPreferencesApiTest extends NotificationChannelsTest {

    @LocalServerPort
    int port;

    @Test
    void aUserReadsAndSetsTheirOwnChannels() {
        AppUser user = world.accountWithPassword("api-prefs-" + UUID.randomUUID().toString().substring(0, 8),
                Role.REVIEWER, "rita");
        ApiClient api = ApiClient.basic(port, user.username(), TestAccounts.PASSWORD);

        JsonNode defaults = api.get("/api/v1/me/notification-preferences").json();
        assertThat(defaults.get("emailAvailable").asBoolean()).isTrue();
        assertThat(defaults.get("email").isNull()).isTrue();
        assertThat(defaults.get("preferences")).hasSize(NotificationKind.values().length)
                .allSatisfy(p -> assertThat(p.get("email").asText()).isEqualTo("OFF"));

        ApiClient.Response saved = api.put("/api/v1/me/notification-preferences", Map.of("email", "r@example.test",
                "preferences", List.of(Map.of("kind", "JOB_RETURNED", "inApp", false, "email", "DIGEST"))));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("email").asText()).isEqualTo("r@example.test");
        assertThat(preferences.of(user.username()).of(NotificationKind.JOB_RETURNED))
                .isEqualTo(new KindPreference(NotificationKind.JOB_RETURNED, false, EmailMode.DIGEST));

        ApiClient.Response invalid = api.put("/api/v1/me/notification-preferences", Map.of("email", "nope"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("detail").asText()).contains("not an e-mail address");
        ApiClient.Response noKind = api.put("/api/v1/me/notification-preferences",
                Map.of("preferences", List.of(Map.of("inApp", false))));
        assertThat(noKind.status()).isEqualTo(400);
        assertThat(noKind.json().get("detail").asText()).startsWith("Each preference needs a kind");
    }

    @Test
    void theOpenApiDocumentDescribesTheNotificationEndpoints() {
        JsonNode paths = ApiClient.anonymous(port).get("/v3/api-docs").json().get("paths");

        assertThat(paths.has("/api/v1/me/notification-preferences")).isTrue();
        assertThat(paths.get("/api/v1/me/notification-preferences").has("put")).isTrue();
        assertThat(paths.has("/api/v1/notification-deliveries/{id}/retry")).isTrue();
    }

    @Test
    void adminsListUnsentDeliveriesAndRetryThemReviewersMayNot() {
        AppUser admin = world.accountWithPassword("api-admin-" + UUID.randomUUID().toString().substring(0, 8),
                Role.ADMIN, "demo-admin");
        AppUser reviewer = world.accountWithPassword("api-rev-" + UUID.randomUUID().toString().substring(0, 8),
                Role.REVIEWER, "ravi");
        jdbc.update("insert into notification_delivery (channel, recipient, kind, message, status, attempts, "
                + "next_attempt_at, last_error, created_at) values ('EMAIL', ?, 'JOB_DELETED', 'Job 9 ended', "
                + "'FAILED', 3, current_timestamp, 'Connection refused', current_timestamp)", reviewer.username());
        long id = onlyDeliveryId();
        ApiClient api = ApiClient.basic(port, admin.username(), TestAccounts.PASSWORD);

        JsonNode unsent = api.get("/api/v1/notification-deliveries").json();
        assertThat(unsent).singleElement().satisfies(d -> {
            assertThat(d.get("status").asText()).isEqualTo("FAILED");
            assertThat(d.get("lastError").asText()).isEqualTo("Connection refused");
        });
        assertThat(ApiClient.basic(port, reviewer.username(), TestAccounts.PASSWORD)
                .get("/api/v1/notification-deliveries").status()).isEqualTo(403);

        ApiClient.Response retried = api.post("/api/v1/notification-deliveries/" + id + "/retry", null);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().get("status").asText()).isEqualTo("PENDING");
    }
}
