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
        login(browser, port, username, io.cvatqueue.TestAccounts.PASSWORD);
    }

    /** Password of accounts the browser tests register through the form themselves. */
    static final String REGISTERED_PASSWORD = "blue harbour lantern";

    /** Registers through the form with {@link #REGISTERED_PASSWORD} and a CVAT token; ends on the login page. */
    static void register(ChromeDriver browser, int port, String username, String cvatToken) {
        browser.get("http://localhost:" + port + "/register");
        type(browser, By.cssSelector("#username input"), username);
        type(browser, By.cssSelector("#password input"), REGISTERED_PASSWORD);
        type(browser, By.cssSelector("#confirm input"), REGISTERED_PASSWORD);
        type(browser, By.cssSelector("#cvat-token input"), cvatToken);
        click(browser, By.id("register"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().contains("login"));
    }

    static void login(ChromeDriver browser, int port, String username, String password) {
        // cookies are per site: deleted on one of the app's pages (on Chromium's blank start page this kills its renderer)
        browser.get("http://localhost:" + port + "/login");
        browser.manage().deleteAllCookies();
        for (int attempt = 1; ; attempt++) {
            browser.get("http://localhost:" + port + "/login");
            waitFor(browser, By.cssSelector("input[name='username']")).sendKeys(username);
            WebElement passwordField = browser.findElement(By.cssSelector("input[name='password']"));
            passwordField.sendKeys(password);
            passwordField.sendKeys(Keys.ENTER);
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

    /**
     * Clicks the element once it is there and enabled. Vaadin may redraw it between finding and clicking (e.g. a
     * grid re-rendering its rows after a filter): a stale element is looked up again instead of failing the test.
     */
    static void click(ChromeDriver browser, By locator) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    java.util.List<WebElement> found = d.findElements(locator);
                    if (found.isEmpty() || !found.get(0).isDisplayed() || !found.get(0).isEnabled()) {
                        return false;
                    }
                    ((JavascriptExecutor) d).executeScript("arguments[0].click()", found.get(0));
                    return true;
                });
        waitForVaadin(browser);
    }

    /**
     * Clicks until {@code expected} appears (e.g. a dialog the button opens), at most three times: on a loaded
     * machine a click right after the page was drawn can reach the browser before Vaadin listens for it.
     */
    static WebElement clickUntil(ChromeDriver browser, By button, By expected) {
        for (int attempt = 1; ; attempt++) {
            click(browser, button);
            try {
                return new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
                    java.util.List<WebElement> found = d.findElements(expected);
                    return found.isEmpty() ? null : found.get(0);
                });
            } catch (TimeoutException notYet) {
                if (attempt == 3) {
                    throw notYet;
                }
            }
        }
    }

    /** Types into a field and leaves it: Vaadin sends a field's value to the server on change, i.e. on blur. */
    static void type(ChromeDriver browser, By locator, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    WebElement input = waitFor(browser, locator);
                    input.clear();
                    input.sendKeys(text);
                    input.sendKeys(Keys.TAB);
                    return true;
                });
    }

    /** Waits until no Vaadin client has a round trip to the server in flight. */
    static void waitForVaadin(ChromeDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                .executeScript("return !window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients || "
                        + "Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())")));
    }

    static WebElement waitFor(ChromeDriver browser, By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            java.util.List<WebElement> found = d.findElements(locator);
            return found.isEmpty() ? null : found.get(0);
        });
    }
}
