package io.cvatqueue.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * In a real browser (headless Chromium): the first admin tracks a whole CVAT project from the dashboard and sees
 * its tasks listed. A context of its own (fresh database), so that this admin is the app's first account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.simulate=false", "app.e2e.suite=project-tracking"})
@ActiveProfiles({"test", "demo"})
class ProjectTrackingIT {

    private static final Path SHOTS = Path.of("target", "e2e-screenshots");
    private static final String PASSWORD = "blue harbour lantern";
    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        File chromium = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        boolean browserInstalled = chromium.canExecute() && chromedriver.canExecute();
        if ("1".equals(System.getenv("REQUIRE_BROWSER"))) {
            assertThat(browserInstalled).as("/usr/bin/chromium and /usr/bin/chromedriver (REQUIRE_BROWSER=1)").isTrue();
        }
        assumeTrue(browserInstalled, "Debian chromium and chromium-driver are needed (.ci/run installs them)");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + Files.createTempDirectory("e2e-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void adminTracksAProjectAndSeesItsTasks() {
        try {
            register("pia", "demo-admin-token");
            login("pia");
            waitFor(By.id("tasks"));

            click(By.id("track-project"));
            WebElement filter = waitFor(By.cssSelector("#track-project-dialog-filter input"));
            filter.sendKeys("Aerial");
            waitForVaadin();
            shot("p1-track-project-dialog");
            // the only project left after filtering: the grid's select-all checkbox selects it
            click(By.cssSelector("#track-project-dialog-grid vaadin-checkbox"));
            click(By.id("track-project-dialog-confirm"));

            waitForRowWith("Aerial survey - fields");
            waitForRowWith("Aerial survey - roofs");
            shot("p2-dashboard-project-tracked");
            assertThat(browser.findElement(By.id("tasks")).getText()).doesNotContain("Street scenes");
        } catch (RuntimeException | AssertionError e) {
            shot("pz-failure");
            throw e;
        }
    }

    private void register(String username, String token) {
        open("register");
        type(By.cssSelector("#username input"), username);
        type(By.cssSelector("#password input"), PASSWORD);
        type(By.cssSelector("#confirm input"), PASSWORD);
        type(By.cssSelector("#cvat-token input"), token);
        click(By.id("register"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("login"));
    }

    private void login(String username) {
        open("login");
        type(By.cssSelector("input[name='username']"), username);
        WebElement password = browser.findElement(By.cssSelector("input[name='password']"));
        password.sendKeys(PASSWORD);
        password.sendKeys(Keys.ENTER);
        waitFor(By.id("current-user"));
    }

    private void open(String route) {
        browser.get("http://localhost:" + port + "/" + route);
        waitForVaadin();
    }

    private WebElement waitFor(By by) {
        return new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void waitForRowWith(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("tasks")).getText()
                .contains(text));
    }

    private void click(By by) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(by)).click();
        waitForVaadin();
    }

    private void type(By by, String text) {
        WebElement input = waitFor(by);
        input.clear();
        input.sendKeys(text);
    }

    private void waitForVaadin() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                        "return !window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients"
                                + " || Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())")));
    }

    private static void shot(String name) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // a missing screenshot must not hide the test's outcome
        }
    }
}
