package io.cvatqueue.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real browser (headless Chromium): the first admin tracks a whole CVAT project from the dashboard and sees
 * its tasks listed. A context of its own (fresh database), so that this admin is the app's first account.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.simulate=false", "app.e2e.suite=project-tracking"})
@ActiveProfiles({"test", "demo"})
class ProjectTrackingIT {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

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
    void adminTracksAProjectAndSeesItsTasks() {
        try {
            HeadlessChromium.register(browser, port, "pia", "demo-admin-token");
            HeadlessChromium.login(browser, port, "pia", HeadlessChromium.REGISTERED_PASSWORD);
            HeadlessChromium.waitFor(browser, By.id("tasks"));

            WebElement filter = HeadlessChromium.clickUntil(browser, By.id("track-project"),
                    By.cssSelector("#track-project-dialog-filter input"));
            filter.sendKeys("Aerial");
            HeadlessChromium.waitForVaadin(browser);
            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> d.findElements(
                    By.cssSelector("#track-project-dialog-grid vaadin-grid-cell-content")).stream()
                    .noneMatch(cell -> cell.getText().contains("Street scenes")));
            HeadlessChromium.shot(browser, "p1-track-project-dialog");
            // the only project left after filtering: the grid's select-all checkbox selects it (the grid redraws
            // its rows after the filter, so the click looks the checkbox up again if it went stale)
            HeadlessChromium.click(browser, By.cssSelector("#track-project-dialog-grid vaadin-checkbox"));
            HeadlessChromium.click(browser, By.id("track-project-dialog-confirm"));

            waitForRowWith("Aerial survey - fields");
            waitForRowWith("Aerial survey - roofs");
            HeadlessChromium.shot(browser, "p2-dashboard-project-tracked");
            assertThat(browser.findElement(By.id("tasks")).getText()).doesNotContain("Street scenes");
        } catch (RuntimeException | AssertionError e) {
            HeadlessChromium.shot(browser, "pz-failure");
            throw e;
        }
    }

    private void waitForRowWith(String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("tasks")).getText()
                .contains(text));
    }
}
