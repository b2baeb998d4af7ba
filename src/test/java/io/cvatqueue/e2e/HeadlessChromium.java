package io.cvatqueue.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium driven headless through its ChromeDriver, as the browser tests use it: skipped when it is not
 * installed, unless REQUIRE_BROWSER=1 (CI) makes that a failure. The console is logged, so tests can look for
 * Content-Security-Policy violations.
 */
final class HeadlessChromium {

    static final Path SHOTS = Path.of("target", "e2e-screenshots");

    private HeadlessChromium() {
    }

    static ChromeDriver start(int width, int height) throws IOException {
        File chromium = new File("/usr/bin/chromium");
        File chromedriver = new File("/usr/bin/chromedriver");
        boolean installed = chromium.canExecute() && chromedriver.canExecute();
        if ("1".equals(System.getenv("REQUIRE_BROWSER"))) {
            assertThat(installed).as("/usr/bin/chromium and /usr/bin/chromedriver (REQUIRE_BROWSER=1)").isTrue();
        }
        assumeTrue(installed, "Debian chromium and chromium-driver are needed (.ci/run installs them)");
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + Files.createTempDirectory("e2e-chromium"));
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver)
                .usingAnyFreePort().build();
        ChromeDriver browser = new ChromeDriver(service, options);
        if (width < 500) {
            // headless Chromium keeps windows at least 500 px wide: a phone's width is emulated instead
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", true));
        }
        return browser;
    }

    static void shot(ChromeDriver browser, String name) {
        try {
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                    SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // a missing screenshot must not hide the test's own outcome
        }
    }

    /**
     * Why a person could not tap the element where it is drawn, or null if they can: it lies (partly) outside the
     * window's width, has no size, or something else (e.g. a frozen grid column) covers its middle.
     */
    static String whyNotTappable(ChromeDriver browser, WebElement element) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                const el = arguments[0];
                el.scrollIntoView({block: 'center', inline: 'nearest'});
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0) return 'has no size';
                if (r.left < 0 || r.right > window.innerWidth + 0.5)
                  return 'spans x ' + Math.round(r.left) + '..' + Math.round(r.right)
                      + ' in a window ' + window.innerWidth + ' px wide';
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                if (!hit) return 'is not under its own middle';
                if (el === hit || el.contains(hit) || hit.contains(el)) return null;
                return 'is covered by <' + hit.tagName.toLowerCase() + (hit.className ? ' class=' + hit.className : '') + '>';
                """, element);
    }

    /**
     * Logs in through the form as {@code username} (password {@link io.cvatqueue.TestAccounts#PASSWORD}). On a
     * loaded machine Vaadin can draw the login form again after the first keys were typed, which loses them: the
     * login is then tried again.
     */
    static void login(ChromeDriver browser, int port, String username) {
        // cookies are per site: deleted on one of the app's pages (on Chromium's blank start page this kills its renderer)
        browser.get("http://localhost:" + port + "/login");
        browser.manage().deleteAllCookies();
        for (int attempt = 1; ; attempt++) {
            browser.get("http://localhost:" + port + "/login");
            waitFor(browser, By.cssSelector("input[name='username']")).sendKeys(username);
            WebElement password = browser.findElement(By.cssSelector("input[name='password']"));
            password.sendKeys(io.cvatqueue.TestAccounts.PASSWORD);
            password.sendKeys(Keys.ENTER);
            try {
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(d -> !d.findElements(By.id("current-user")).isEmpty());
                return;
            } catch (TimeoutException notLoggedIn) {
                if (attempt == 3) {
                    throw notLoggedIn;
                }
            }
        }
    }

    /** Opens a route and waits until {@code ready} is there and the grids have followed the window's width. */
    static void open(ChromeDriver browser, int port, String route, By ready) {
        browser.get("http://localhost:" + port + "/" + route);
        waitFor(browser, ready);
        try {
            Thread.sleep(700); // the grid's columns follow the window width after the browser reported it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static WebElement waitFor(ChromeDriver browser, By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            java.util.List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? null : found.get(0);
        });
    }
}
