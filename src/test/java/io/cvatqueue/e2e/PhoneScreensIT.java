package io.cvatqueue.e2e;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.backup.BackupService;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewService;
import io.cvatqueue.sync.SyncService;
import io.cvatqueue.sync.TrackedTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main screens on a phone (390 px wide, an iPhone 12-15) in a real Chromium: every row action and page action
 * can be tapped where it is drawn (inside the window, not under another column), and the queue's first rows are
 * on the first screen. Screenshots go to target/e2e-screenshots/phone-*.png.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.simulate=false",
        // backups need the database in a file
        "spring.datasource.url=jdbc:h2:file:./target/phone-it/${random.uuid}/queue;CASE_INSENSITIVE_IDENTIFIERS=TRUE",
        "app.backup-dir=target/phone-it/backups"})
@ActiveProfiles({"test", "demo"})
class PhoneScreensIT {

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
    BackupService backups;

    private DemoWorld world;
    private AppUser admin;
    private AppUser reviewer;

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

    /** A reviewer with reviews in every state her screen has actions for, one rejected job, one backup. */
    @BeforeEach
    void reviewsInEveryState() {
        world = new DemoWorld(context);
        admin = world.accountWithPassword("pam", Role.ADMIN, DemoCvat.ADMIN);
        reviewer = world.accountWithPassword("rosa", Role.REVIEWER, "rita");
        if (!reviews.findAll().iterator().hasNext()) {
            long taskId = world.untrackedTaskWithCompletedJobs(5);
            TrackedTask task = world.track(taskId);
            world.actAs(admin);
            sync.syncTask(task.instanceId(), task.cvatTaskId(), "test");
            List<Review> queued = new ArrayList<>();
            reviews.findAll().forEach(queued::add);
            assertThat(queued).hasSizeGreaterThanOrEqualTo(5);
            for (Review review : queued.subList(0, 4)) {
                reviewService.assign(review.id(), reviewer.username());
            }
            world.actAs(reviewer);
            reviewService.startReview(queued.get(0).id());
            reviewService.startReview(queued.get(1).id());
            world.runDueJobs();
            reviewService.reject(queued.get(1).id(), "Wrong labels",
                    "Cars are labelled as trucks in frames 10 to 40; the occluded ones are missing too");
            world.runDueJobs();
            world.actAs(admin);
            backups.create();
        }
        world.logOut();
    }

    /**
     * Every Vaadin component a screen shows is in the production bundle: one that is not (e.g. a date picker
     * added without rebuilding src/main/bundles/prod.bundle) stays an empty, invisible element, which no
     * server-side test notices.
     */
    @Test
    void everyScreenShowsOnlyComponentsThatTheBrowserKnows() {
        login(admin);
        Map<String, Object> unknown = new java.util.LinkedHashMap<>();
        for (String route : List.of("", "my-reviews", "admin/queue", "history", "notifications", "analytics",
                "account", "admin/users", "admin/instances", "admin/settings", "admin/workflow",
                "admin/notifications", "admin/backups", "steps")) {
            open(route, By.id("current-user"));
            Object missing = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("""
                    return [...new Set([...document.querySelectorAll('*')].map(e => e.tagName.toLowerCase())
                        .filter(t => t.startsWith('vaadin-') && t !== 'vaadin-grid-cell-content'
                            && !customElements.get(t)))];
                    """);
            if (!((List<?>) missing).isEmpty()) {
                unknown.put(route.isEmpty() ? "dashboard" : route, missing);
            }
        }
        assertThat(unknown).as("components missing from the production bundle, per screen").isEmpty();
    }

    @Test
    void myReviewsActionsCanBeTapped() {
        login(reviewer);
        open("my-reviews", By.cssSelector("#open-reviews .reject"));
        HeadlessChromium.shot(browser, "phone-my-reviews");

        assertTappable(By.cssSelector("#open-reviews .approve"), By.cssSelector("#open-reviews .reject"),
                By.cssSelector("#open-reviews .start-review"), By.cssSelector("#open-reviews .open-in-cvat"),
                By.id("refresh"));
    }

    @Test
    void queueShowsItsFirstRowsOnTheFirstScreenWithFiltersFolded() {
        login(admin);
        open("admin/queue", By.cssSelector("#queue .row-assign"));
        HeadlessChromium.shot(browser, "phone-queue");

        assertTappable(By.cssSelector("#queue .row-assign"), By.id("queue-filters-toggle"));
        assertThat(topOfFirstRow("queue")).as("top of the queue's first row").isLessThan(844 / 2);
        WebElement status = browser.findElement(By.cssSelector("#queue .status-badge"));
        assertThat(status.getText()).doesNotEndWith(".");

        browser.findElement(By.id("queue-filters-toggle")).click();
        waitUntil(() -> browser.findElement(By.id("queue-filters")).isDisplayed());
        HeadlessChromium.shot(browser, "phone-queue-filters");
        assertTappable(By.cssSelector("#task-filter"), By.cssSelector("#overdue-filter"));
    }

    @Test
    void historyKeepsItsColumnsReadableAndShowsTheNoteOnTap() {
        login(admin);
        open("history", By.cssSelector("#history vaadin-grid-cell-content"));
        HeadlessChromium.shot(browser, "phone-history");

        assertTappable(By.id("export-csv"), By.id("history-filters-toggle"));
        WebElement decision = waitFor(By.xpath("//vaadin-grid[@id='history']//span[text()='Rejected']"));
        assertTappable(decision);
        decision.click();
        WebElement details = waitFor(By.cssSelector("#history .row-details"));
        assertThat(details.getText()).contains("Cars are labelled as trucks");
        HeadlessChromium.shot(browser, "phone-history-details");
    }

    @Test
    void backupsCanBeDownloadedAndDeleted() {
        login(admin);
        open("admin/backups", By.cssSelector(".backup-delete"));
        HeadlessChromium.shot(browser, "phone-backups");

        assertTappable(By.cssSelector(".backup-download"), By.cssSelector(".backup-delete"), By.id("backup-now"));
    }

    // ---- helpers

    private void assertTappable(By... locators) {
        for (By locator : locators) {
            assertTappable(waitFor(locator));
        }
    }

    private void assertTappable(WebElement element) {
        assertThat(HeadlessChromium.whyNotTappable(browser, element))
                .as("%s <%s> on a %d px wide screen", element.getText(), element.getTagName(), WIDTH).isNull();
    }

    private long topOfFirstRow(String gridId) {
        Number top = (Number) ((JavascriptExecutor) browser).executeScript("""
                window.scrollTo(0, 0);
                const cell = document.querySelector('#' + arguments[0] + ' vaadin-grid-cell-content');
                return cell ? cell.getBoundingClientRect().top : 100000;
                """, gridId);
        return top.longValue();
    }


    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> condition.getAsBoolean());
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
