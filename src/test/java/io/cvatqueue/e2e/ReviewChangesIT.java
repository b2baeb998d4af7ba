package io.cvatqueue.e2e;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.review.ReviewStatus;
import io.cvatqueue.review.rework.ReworkWorker;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What changed about a job, in a real Chromium on a phone-sized window: the reviewer opens "What changed" on a
 * reworked job and follows a frame link; an admin adopts a change made in CVAT from the queue page. Screenshots go
 * to target/e2e-screenshots/changes-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "app.demo.simulate=false")
@ActiveProfiles({"test", "demo"})
class ReviewChangesIT {

    private static final int WIDTH = 390;
    private static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    ReviewService reviewService;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    SyncService sync;
    @Autowired
    DemoCvat cvat;
    @Autowired
    ReworkWorker worker;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start(WIDTH, 844);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aReviewerSeesTheReworkAndAnAdminAdoptsAChangeMadeInCvat() {
        DemoWorld world = new DemoWorld(context);
        AppUser admin = world.accountWithPassword("chloe", Role.ADMIN, DemoCvat.ADMIN);
        AppUser reviewer = world.accountWithPassword("rico", Role.REVIEWER, "rita");
        TrackedTask task = world.track(world.untrackedTaskWithCompletedJobs(2));
        sync.syncTask(task.instanceId(), task.cvatTaskId(), "test");
        List<Review> queued = reviews.findOpenByTask(task.instanceId(), task.cvatTaskId());
        Review reworked = queued.get(0);
        Review accepted = queued.get(1);
        world.actAs(admin);
        reviewService.assign(reworked.id(), reviewer.username());
        world.actAs(reviewer);
        reviewService.startReview(reworked.id());
        world.runDueJobs();
        reviewService.reject(reworked.id(), "Missing boxes", "Cyclists on the left are not labelled");
        world.runDueJobs();
        DemoCvatModel.Job job = cvat.job(reworked.cvatJobId());
        cvat.drawBox(job.id(), 3, job.startFrame() + 1);
        cvat.drawBox(job.id(), 3, job.startFrame() + 4);
        cvat.deleteObject(job.id(), cvat.annotationObjects(job.id()).get(0).id());
        // the annotator finishes the job in CVAT (without the demo's own rework edits)
        cvat.updateJob(cvat.userById(job.assigneeId()).orElseThrow(), job.id(),
                new DemoCvatModel.JobPatch(false, null, null, JobState.COMPLETED));
        cvat.updateJob(cvat.user(DemoCvat.ADMIN), accepted.cvatJobId(),
                DemoCvatModel.JobPatch.of(accepted.annotatorId(), JobStage.ACCEPTANCE, JobState.COMPLETED));
        sync.syncTask(task.instanceId(), task.cvatTaskId(), "test");
        worker.runPending();
        world.logOut();

        login(reviewer);
        open("my-reviews", By.cssSelector("#open-reviews .what-changed"));
        WebElement whatChanged = browser.findElement(By.cssSelector("#open-reviews .what-changed"));
        assertThat(HeadlessChromium.whyNotTappable(browser, whatChanged)).isNull();
        whatChanged.click();
        WebElement totals = waitFor(By.id("rework-totals"));
        assertThat(totals.getText()).startsWith("2 added · 1 removed · 0 changed");
        WebElement frame = waitFor(By.cssSelector("#rework-frames a"));
        assertThat(frame.getAttribute("href")).contains("/jobs/" + job.id() + "?frame=");
        assertThat(HeadlessChromium.whyNotTappable(browser, frame)).isNull();
        HeadlessChromium.shot(browser, "changes-rework-dialog");

        login(admin);
        open("admin/queue", By.cssSelector("#cvat-changes .adopt-cvat-state"));
        HeadlessChromium.shot(browser, "changes-queue");
        WebElement adopt = browser.findElement(By.xpath("//div[contains(@class,'cvat-change')][.//span[starts-with("
                + "normalize-space(.), 'Job " + accepted.cvatJobId() + ":')]]//vaadin-button[contains(@class,"
                + "'adopt-cvat-state')]"));
        assertThat(HeadlessChromium.whyNotTappable(browser, adopt)).isNull();
        adopt.click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d ->
                reviews.findById(accepted.id()).orElseThrow().status() == ReviewStatus.ACCEPTED_IN_CVAT);
        HeadlessChromium.shot(browser, "changes-queue-adopted");
    }


    private void login(AppUser user) {
        HeadlessChromium.login(browser, port, user.username());
    }

    private void open(String route, By ready) {
        HeadlessChromium.open(browser, port, route, ready);
    }

    private WebElement waitFor(By locator) {
        return HeadlessChromium.waitFor(browser, locator);
    }
}
