package io.cvatqueue.e2e;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.demo.DemoCvatModel;
import io.cvatqueue.review.Review;
import io.cvatqueue.review.ReviewRepository;
import io.cvatqueue.review.ReviewStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole review journey in a real headless Chromium against the app with its demo CVAT: an admin and a
 * reviewer register, the admin tracks a task, syncs and assigns a job, the reviewer starts the review and
 * rejects it, the annotator completes the job again in CVAT, it comes back to the same reviewer, who approves
 * it. Screenshots of each screen go to target/e2e-screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.simulate=false", "camunda.bpm.job-execution.enabled=true"})
@ActiveProfiles({"test", "demo"})
class ReviewJourneyIT {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    DemoCvat cvat;
    @Autowired
    ReviewRepository reviews;
    @Autowired
    io.cvatqueue.cvat.CvatInstanceRepository instances;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start(1280, 900);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void rejectedJobComesBackToTheSameReviewerAndIsApproved() {
        try {
            journey();
        } catch (RuntimeException | AssertionError e) {
            shot("zz-failure");
            throw e;
        }
    }

    private void journey() {
        open("register");
        WebElement host = waitFor(By.cssSelector("#cvat-host input"));
        assertThat(host.getDomProperty("value")).as("demo CVAT address prefilled").contains("/demo-cvat");
        HeadlessChromium.register(browser, port, "alice", "demo-admin-token");
        shot("01-register-admin-done");
        HeadlessChromium.register(browser, port, "rita", "demo-rita-token");

        HeadlessChromium.login(browser, port, "alice", HeadlessChromium.REGISTERED_PASSWORD);
        waitFor(By.id("tasks"));
        shot("02-dashboard-empty");
        long taskId = trackATaskWithCompletedJobs();
        shot("03-dashboard-tracked");

        open("task/" + taskId);
        HeadlessChromium.click(browser, By.id("sync"));
        waitForText(By.id("sync-summary"), "queued");
        shot("04-task-synced");

        open("admin/queue");
        waitFor(By.id("queue"));
        Review review = reviews.findOpenByTask(instances.findFirstByDemoTrue().orElseThrow().id(), taskId).stream()
                .min(java.util.Comparator.comparing(Review::cvatJobId)).orElseThrow();
        long jobId = review.cvatJobId();
        shot("05-queue");
        assignFromQueue(jobId, "rita");
        waitUntil(() -> status(review) == ReviewStatus.ASSIGNED);
        shot("06-queue-assigned");

        logout();
        HeadlessChromium.login(browser, port, "rita", HeadlessChromium.REGISTERED_PASSWORD);
        open("my-reviews");
        waitForRowWith(By.id("open-reviews"), String.valueOf(jobId));
        shot("07-my-reviews-assigned");
        clickButtonInRow(By.id("open-reviews"), String.valueOf(jobId), "Start");
        waitUntil(() -> status(review) == ReviewStatus.IN_REVIEW);
        switchBackToAppTab();
        assertThat(cvat.job(jobId).stage()).isEqualTo(JobStage.VALIDATION);
        open("my-reviews");
        waitForRowWith(By.id("open-reviews"), String.valueOf(jobId));
        clickButtonInRow(By.id("open-reviews"), String.valueOf(jobId), "Reject");
        choose(By.cssSelector("#reject-reason input"), "Wrong labels");
        HeadlessChromium.type(browser, By.cssSelector("#reject-note textarea"), "Cars are labelled as trucks");
        shot("08-reject-dialog");
        HeadlessChromium.click(browser, By.id("reject-confirm"));
        waitUntil(() -> status(review) == ReviewStatus.REJECTED);
        waitUntil(() -> cvat.job(jobId).state() == JobState.REJECTED);
        assertThat(cvat.issues(jobId)).anyMatch(i -> i.message().contains("Cars are labelled as trucks"));

        cvat.completeJob(jobId); // the annotator fixes the job in CVAT
        logout();
        HeadlessChromium.login(browser, port, "alice", HeadlessChromium.REGISTERED_PASSWORD);
        open("task/" + taskId);
        HeadlessChromium.click(browser, By.id("sync"));
        waitForText(By.id("sync-summary"), "re-queued 1");
        shot("09-task-resynced");

        logout();
        HeadlessChromium.login(browser, port, "rita", HeadlessChromium.REGISTERED_PASSWORD);
        open("my-reviews");
        waitForRowWith(By.id("open-reviews"), String.valueOf(jobId));
        assertThat(reviews.findById(review.id()).orElseThrow().reviewer()).isEqualTo("rita");
        shot("10-job-back-to-rita");
        clickButtonInRow(By.id("open-reviews"), String.valueOf(jobId), "Start");
        waitUntil(() -> status(review) == ReviewStatus.IN_REVIEW);
        switchBackToAppTab();
        open("my-reviews");
        waitForRowWith(By.id("open-reviews"), String.valueOf(jobId));
        clickButtonInRow(By.id("open-reviews"), String.valueOf(jobId), "Approve");
        waitFor(By.id("approve-confirm"));
        HeadlessChromium.click(browser, By.id("approve-confirm"));
        waitUntil(() -> status(review) == ReviewStatus.APPROVED);
        waitUntil(() -> cvat.job(jobId).stage() == JobStage.ACCEPTANCE);

        open("history");
        waitForRowWith(By.id("history"), String.valueOf(jobId));
        shot("11-history");
        open("notifications");
        waitFor(By.id("notifications"));
        shot("12-notifications");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("my-reviews");
        waitFor(By.id("open-reviews"));
        shot("13-my-reviews-narrow");
        browser.manage().window().setSize(new Dimension(1280, 900));

        // the remaining screens, as the admin: each must render without an error page
        logout();
        HeadlessChromium.login(browser, port, "alice", HeadlessChromium.REGISTERED_PASSWORD);
        String[][] screens = {{"analytics/" + taskId, "14-analytics"}, {"account", "15-account"},
                {"admin/users", "16-admin-users"}, {"admin/instances", "17-admin-instances"},
                {"admin/settings", "18-admin-settings"}, {"admin/workflow", "19-admin-workflow"},
                {"admin/backups", "20-admin-backups"}};
        for (String[] screen : screens) {
            open(screen[0]);
            waitFor(By.id("current-user"));
            assertThat(browser.getPageSource()).as(screen[0]).doesNotContain("There was an exception");
            shot(screen[1]);
        }

        // a reviewer on an admin page gets the app's own page inside the layout, with a way back
        logout();
        HeadlessChromium.login(browser, port, "rita", HeadlessChromium.REGISTERED_PASSWORD);
        open("admin/queue");
        waitForText(By.id("access-denied"), "You need the admin role for this");
        assertThat(browser.findElements(By.id("current-user"))).isNotEmpty();
        shot("21-access-denied");
        HeadlessChromium.click(browser, By.id("access-denied-home"));
        waitFor(By.id("tasks"));

        // Vaadin, bpmn-js (Admin > Workflow) and ApexCharts (Analytics) all ran under the Content-Security-Policy;
        // the probe shows that the console is really being read
        ((JavascriptExecutor) browser).executeScript("console.error('e2e console probe')");
        List<String> console = browser.manage().logs().get("browser").getAll().stream()
                .map(entry -> entry.getMessage())
                .toList();
        assertThat(console).anyMatch(message -> message.contains("e2e console probe"));
        assertThat(console).as("Content-Security-Policy violations in the browser console")
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    private long trackATaskWithCompletedJobs() {
        DemoCvatModel.User owner = cvat.user("demo-admin");
        Map<Long, Long> completed = cvat.jobs(owner, DemoCvatModel.JobFilter.all()).stream()
                .filter(j -> j.stage() == JobStage.ANNOTATION && j.state() == JobState.COMPLETED)
                .collect(Collectors.groupingBy(DemoCvatModel.Job::taskId, Collectors.counting()));
        long taskId = completed.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        String taskName = cvat.task(taskId).name();
        HeadlessChromium.click(browser, By.id("track-task"));
        choose(By.cssSelector("#untracked-tasks input"), taskName);
        shot("03a-track-dialog");
        HeadlessChromium.click(browser, By.id("track-confirm"));
        waitForRowWith(By.id("tasks"), taskName);
        return taskId;
    }

    private void assignFromQueue(long jobId, String reviewer) {
        clickButtonInRow(By.id("queue"), String.valueOf(jobId), "Assign");
        choose(By.cssSelector("#assign-reviewer input"), reviewer);
        HeadlessChromium.click(browser, By.id("assign-confirm"));
    }

    // ---- browser helpers

    /** Types into a combo box and clicks the first suggestion that contains the text. */
    private void choose(By comboInput, String text) {
        WebElement input = waitFor(comboInput);
        input.sendKeys(text);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            for (WebElement item : d.findElements(By.cssSelector("vaadin-combo-box-item"))) {
                if (item.isDisplayed() && item.getText().contains(text)) {
                    item.click();
                    return true;
                }
            }
            return false;
        });
        HeadlessChromium.waitForVaadin(browser);
    }

    private void logout() {
        HeadlessChromium.click(browser, By.id("logout"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("login"));
    }

    private void open(String route) {
        browser.get("http://localhost:" + port + "/" + route);
        HeadlessChromium.waitForVaadin(browser);
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void waitForText(By by, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    private void waitForRowWith(By grid, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            HeadlessChromium.waitForVaadin(browser);
            return d.findElement(grid).findElements(By.tagName("vaadin-grid-cell-content")).stream()
                    .anyMatch(cell -> cell.getText().strip().equals(text) || cell.getText().contains(text));
        });
    }

    private void clickButtonInRow(By grid, String rowText, String buttonText) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            List<WebElement> buttons = d.findElement(grid).findElements(By.tagName("vaadin-button"));
            // the row's cells are siblings in the grid's light DOM: pick the button whose row holds the text
            for (WebElement button : buttons) {
                if (!button.getText().contains(buttonText) || !button.isEnabled()) {
                    continue;
                }
                Object row = ((JavascriptExecutor) d).executeScript(
                        "const cell = arguments[0].closest('vaadin-grid-cell-content');"
                                + "const grid = cell.closest('vaadin-grid');"
                                + "const slot = cell.getAttribute('slot');"
                                + "const td = grid.shadowRoot.querySelector('[part~=\"cell\"] slot[name=\"' + slot + '\"]');"
                                + "const tr = td && td.closest('tr');"
                                + "return tr ? Array.from(tr.querySelectorAll('slot')).map(s => s.assignedElements()"
                                + ".map(e => e.textContent).join(' ')).join(' | ') : '';", button);
                if (row != null && row.toString().contains(rowText)) {
                    ((JavascriptExecutor) d).executeScript("arguments[0].click()", button);
                    return true;
                }
            }
            return false;
        });
        HeadlessChromium.waitForVaadin(browser);
    }

    private void switchBackToAppTab() {
        String app = browser.getWindowHandles().iterator().next();
        for (String handle : browser.getWindowHandles()) {
            browser.switchTo().window(handle);
            if (browser.getCurrentUrl().contains("/demo-cvat/")) {
                shot("07a-demo-cvat-job-page");
                browser.close();
            } else {
                app = handle;
            }
        }
        browser.switchTo().window(app);
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> condition.getAsBoolean());
    }

    private ReviewStatus status(Review review) {
        return reviews.findById(review.id()).orElseThrow().status();
    }

    private static void shot(String name) {
        HeadlessChromium.shot(browser, name);
    }
}
