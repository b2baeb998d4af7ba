package io.cvatqueue.e2e;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
