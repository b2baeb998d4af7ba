package io.cvatqueue.ops;

import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.api.ApiClient;
import io.cvatqueue.api.DemoAppTest;
import io.cvatqueue.api.DemoFixture;
import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceRepository;
import io.cvatqueue.crypto.TokenCipher;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.time.Instant;

import static io.cvatqueue.api.DemoFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and metrics as monitoring sees them. (Spring Boot tests turn metric exporters off, so the Prometheus
 * endpoint itself is not checked here; the meters it exports are.)
 */
@DemoAppTest
class OperationsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    HealthEndpoint health;
    @Autowired
    CvatInstanceRepository instances;
    @Autowired
    TokenCipher cipher;
    @Autowired
    ReviewMetrics reviewMetrics;
    @Autowired
    MeterRegistry meters;

    DemoFixture demo;

    @BeforeEach
    void fixture() {
        demo = new DemoFixture(context);
    }

    @Test
    void anUnreachableCvatShowsWithItsReasonButTakesNeitherTheNodeNorItsReadinessDown() throws Exception {
        CvatInstance unreachable = instances.save(CvatInstance.create("Old CVAT", "http://127.0.0.1:1",
                cipher.encrypt("Token whatever"), Instant.now()));
        try {
            CompositeHealth cvat = (CompositeHealth) health.healthForPath("cvat");

            Health demoHealth = (Health) cvat.getComponents().get(CvatHealthContributor.key(demo.instance()));
            assertThat(demoHealth.getStatus()).isEqualTo(Status.UP);
            assertThat(demoHealth.getDetails()).containsEntry("serviceUser", "demo-admin");
            Health oldHealth = (Health) cvat.getComponents().get(CvatHealthContributor.key(unreachable));
            assertThat(CvatHealthContributor.key(unreachable)).endsWith("-old-cvat");
            assertThat(oldHealth.getStatus()).isEqualTo(CvatReachability.UNREACHABLE);
            assertThat(oldHealth.getDetails().get("error").toString()).contains("could not be reached");
            assertThat(cvat.getStatus()).isEqualTo(CvatReachability.UNREACHABLE);

            assertThat(httpGet("/actuator/health").statusCode()).as("overall health of a working node").isEqualTo(200);
            var readiness = httpGet("/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"UP\"").doesNotContain("UNREACHABLE");
            assertThat(httpGet("/actuator/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            instances.delete(unreachable);
        }
    }

    private java.net.http.HttpResponse<String> httpGet(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + path)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void backupUploadsOfRealSizeAreAcceptedByTheServletAndStreamedToDisk(
            @Autowired jakarta.servlet.MultipartConfigElement multipart) {
        // Spring's default (1 MB) refused the app's own backups with "Upload forbidden"
        assertThat(multipart.getMaxFileSize()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(multipart.getMaxRequestSize()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(multipart.getFileSizeThreshold()).as("bytes kept in memory").isZero();
    }

    @Test
    void healthChecksTheCamundaEngineWithAQuery() {
        HealthComponent engine = health.healthForPath("camundaEngine");

        assertThat(engine.getStatus()).isEqualTo(Status.UP);
        assertThat(((Health) engine).getDetails()).containsKeys("engine", "openIncidents");
    }

    @Test
    void openReviewsAreGaugedPerInstanceAndStatus() {
        long taskId = demo.sharedTask();
        demo.freshlyCompletedJob();
        AppUser admin = demo.account("ops-admin", Role.ADMIN, "demo-admin");
        ApiClient asAdmin = ApiClient.basic(port, admin.username(), PASSWORD);
        asAdmin.post("/api/v1/tasks/" + taskId + "/sync?wait=true", null);

        reviewMetrics.refresh();

        double queued = meters.get("cvat_queue.reviews.open").tag("instance", demo.instance().name())
                .tag("status", "QUEUED").gauge().value();
        assertThat(queued).isGreaterThanOrEqualTo(1);
    }
}
