package io.cvatqueue.e2e;

import io.cvatqueue.DemoWorld;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-app modeler in a real headless Chromium: an admin opens Admin > Workflow > Edit, adds a task from the
 * palette onto a sequence flow, validates (the unnamed task is refused by the lint rules), names it, validates
 * again, deploys with a comment and finds the new version on the workflow page. Screenshots go to
 * target/e2e-screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "app.demo.simulate=false", "app.e2e=workflow-modeler"})
@ActiveProfiles({"test", "demo"})
class WorkflowModelerIT {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    RepositoryService repository;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start(1600, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void adminAddsATaskFromThePaletteValidatesDeploysAndSeesTheNewVersion() {
        try {
            journey();
        } catch (RuntimeException | AssertionError e) {
            shot("modeler-zz-failure");
            throw e;
        }
    }

    private void journey() {
        AppUser admin = new DemoWorld(context).accountWithPassword("modeler-admin", Role.ADMIN, DemoCvat.ADMIN);
        int before = latest().getVersion();
        HeadlessChromium.login(browser, port, admin.username());

        open("admin/workflow/edit/job-review");
        waitFor(By.cssSelector("bpmn-modeler .djs-palette .entry.bpmn-icon-task"));
        waitFor(By.cssSelector("bpmn-modeler [data-element-id='Flow_ToOverdueNotified']"));
        shot("modeler-01-opened");

        // a task from the palette, dropped onto a sequence flow: bpmn-js splits the flow around it
        HeadlessChromium.click(browser, By.cssSelector("bpmn-modeler .djs-palette .entry.bpmn-icon-task"));
        WebElement flow = browser.findElement(By.cssSelector(
                "bpmn-modeler [data-element-id='Flow_ToOverdueNotified'] .djs-hit"));
        new Actions(browser).moveToElement(flow).pause(Duration.ofMillis(300)).moveToElement(flow, 1, 0)
                .pause(Duration.ofMillis(300)).click().perform();
        String taskId = (String) ((JavascriptExecutor) browser).executeScript(
                "const t = [...document.querySelectorAll('bpmn-modeler .djs-element.djs-shape')]"
                        + ".map(e => e.getAttribute('data-element-id')).filter(id => id.startsWith('Activity_'));"
                        + "return t.length ? t[0] : null;");
        assertThat(taskId).as("a new task on the canvas").isNotNull();
        // bpmn-js opens the label editor of a new task: leave it empty for now
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        assertThat(browser.findElements(By.cssSelector("bpmn-modeler .bjsl-button"))).as("live lint button").isNotEmpty();
        shot("modeler-02-task-added");

        HeadlessChromium.click(browser, By.id("modeler-validate"));
        waitForText(By.id("modeler-problems"), taskId);
        shot("modeler-03-validation-problems");

        // name the task in place (double click opens the label editor) and validate again
        WebElement task = browser.findElement(By.cssSelector("bpmn-modeler [data-element-id='" + taskId + "']"));
        new Actions(browser).doubleClick(task).pause(Duration.ofMillis(300)).sendKeys("Double-check overdue")
                .pause(Duration.ofMillis(200)).sendKeys(Keys.ENTER).perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElements(
                By.cssSelector("bpmn-modeler .djs-direct-editing-parent")).stream().noneMatch(WebElement::isDisplayed));
        shot("modeler-04-task-named");
        HeadlessChromium.click(browser, By.id("modeler-validate"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("modeler-problems"))
                .isDisplayed());

        HeadlessChromium.type(browser, By.cssSelector("#modeler-comment input"), "Double-check overdue reviews");
        HeadlessChromium.click(browser, By.id("modeler-deploy"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlMatches(".*/admin/workflow$"));
        waitForText(By.id("versions"), "Double-check overdue reviews");
        shot("modeler-05-deployed");

        ProcessDefinition newest = latest();
        assertThat(newest.getVersion()).isEqualTo(before + 1);
        assertThat((Object) repository.getBpmnModelInstance(newest.getId()).getModelElementById(taskId)).isNotNull();
    }

    private ProcessDefinition latest() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ReviewVariables.PROCESS_KEY)
                .latestVersion().singleResult();
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
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            HeadlessChromium.waitForVaadin(browser);
            return d.findElement(by).getText().contains(text) || (Boolean) ((JavascriptExecutor) d).executeScript(
                    "return arguments[0].innerText.includes(arguments[1]) || [...arguments[0].querySelectorAll("
                            + "'vaadin-grid-cell-content')].some(c => c.textContent.includes(arguments[1]));",
                    d.findElement(by), text);
        });
    }

    private static void shot(String name) {
        HeadlessChromium.shot(browser, name);
    }
}
