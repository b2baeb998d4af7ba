package io.cvatqueue.review.rework;

import com.fasterxml.jackson.databind.JsonNode;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.api.ApiClient;
import io.cvatqueue.api.DemoAppTest;
import io.cvatqueue.api.DemoFixture;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.demo.DemoCvatModel.AnnotationObject;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewChangesFixture;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.rework.ReworkReports.ReworkReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rework delta end to end against the demo CVAT over HTTP: the snapshot kept when the rejection reaches CVAT,
 * the annotator's changes in CVAT, the delta computed in the background once the job is completed again, and the
 * same delta on the REST API.
 */
@DemoAppTest
class ReworkDeltaIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DemoCvat cvat;
    @Autowired
    ReworkReports reports;
    @Autowired
    ReworkWorker worker;

    ReviewChangesFixture fixture;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void adminAndReviewer() {
        fixture = new ReviewChangesFixture(context);
        admin = fixture.demo().account("rework-admin", Role.ADMIN, "demo-admin");
        rita = fixture.demo().account("rework-rita", Role.REVIEWER, "rita");
        fixture.everyJobQueued(admin);
    }

    @AfterEach
    void logOut() {
        fixture.world().logOut();
    }

    @Test
    void aRejectedJobCompletedAgainWithTwoBoxesAddedAndOneRemovedShowsThatDelta() {
        Review review = fixture.rejected(admin, rita, "Missing boxes");
        long jobId = review.cvatJobId();
        DemoCvatModel.Job job = cvat.job(jobId);
        List<AnnotationObject> atRejection = cvat.annotationObjects(jobId);
        AnnotationObject removed = atRejection.get(0);
        long noteIssue = cvat.issues(jobId).get(cvat.issues(jobId).size() - 1).id();

        // anna reworks the job in CVAT: two boxes drawn, one object deleted, the note resolved, the job completed
        cvat.startJob(jobId, "anna");
        cvat.drawBox(jobId, 1, job.startFrame() + 1);
        cvat.drawBox(jobId, 2, job.stopFrame());
        cvat.deleteObject(jobId, removed.id());
        cvat.resolveIssue(noteIssue);
        cvat.updateJob(cvat.user("anna"), jobId, new DemoCvatModel.JobPatch(false, null, null, JobState.COMPLETED));
        fixture.sync(review);

        assertThat(fixture.reread(review).status()).isEqualTo(ReviewStatus.ASSIGNED);
        assertThat(reports.latest(review)).get().extracting(ReworkReport::status)
                .as("computed in the background, not when asked").isEqualTo(ReworkReport.Status.PENDING);

        assertThat(worker.runPending()).isEqualTo(1);

        ReworkReport report = reports.latest(review).orElseThrow();
        assertThat(report.status()).isEqualTo(ReworkReport.Status.READY);
        assertThat(report.round()).isEqualTo(1);
        ReworkDelta delta = report.delta();
        assertThat(delta.added()).isEqualTo(2);
        assertThat(delta.removed()).isEqualTo(1);
        assertThat(delta.changed()).isZero();
        assertThat(delta.labels()).filteredOn(l -> l.added() > 0).extracting(ReworkDelta.LabelChange::label)
                .contains(DemoCvatModel.LABELS.get(0)).contains(DemoCvatModel.LABELS.get(1));
        assertThat(delta.framesTouched()).contains(job.startFrame() + 1, job.stopFrame(), removed.frame());
        assertThat(report.frames()).anySatisfy(link -> assertThat(link.cvatUrl())
                .endsWith("/tasks/" + review.cvatTaskId() + "/jobs/" + jobId + "?frame=" + job.stopFrame()));
        assertThat(delta.issues()).anySatisfy(issue -> {
            assertThat(issue.id()).isEqualTo(noteIssue);
            assertThat(issue.resolved()).isTrue();
        });

        ApiClient.Response response = ApiClient.basic(port, rita.username(), DemoFixture.PASSWORD)
                .get("/api/v1/reviews/" + review.id() + "/rework");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("status").asText()).isEqualTo("READY");
        assertThat(json.get("delta").get("added").asInt()).isEqualTo(2);
        assertThat(json.get("delta").get("removed").asInt()).isEqualTo(1);
        assertThat(json.get("frames").get(0).get("cvatUrl").asText()).contains("?frame=");
    }

    @Test
    void aJobNeverReworkedHasNoDeltaAndTheApiSaysSo() {
        Review review = fixture.inReview(admin, rita);

        assertThat(reports.latest(review)).isEmpty();
        ApiClient.Response response = ApiClient.basic(port, rita.username(), DemoFixture.PASSWORD)
                .get("/api/v1/reviews/" + review.id() + "/rework");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().get("detail").asText()).contains("has not come back from a rejection");
    }
}
