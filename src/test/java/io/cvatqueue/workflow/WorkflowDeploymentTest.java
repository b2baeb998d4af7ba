package io.cvatqueue.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cvatqueue.DemoWorld;
import io.cvatqueue.TestAccounts;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.Role;
import io.cvatqueue.security.ApiTokenService;
import io.cvatqueue.demo.DemoCvat;
import io.cvatqueue.review.ReviewVariables;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Deploying new versions of the workflow while the app runs: from Camunda Modeler and from the admin page. */
@WorkflowAppTest
class WorkflowDeploymentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    WorkflowDeploymentService deployments;
    @Autowired
    RepositoryService repository;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ClasspathProcessDeployer classpath;
    @Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    DemoWorld world;
    AppUser admin;
    AppUser rita;

    @BeforeEach
    void adminAndReviewer() {
        world = new DemoWorld(context);
        admin = world.accountWithPassword("wf-admin", Role.ADMIN, DemoCvat.ADMIN);
        rita = world.accountWithPassword("wf-rita", Role.REVIEWER, "rita");
    }

    @AfterEach
    void logOut() {
        world.logOut();
    }

    @Test
    void adminDeploysAChangedDiagramFromCamundaModelerThroughEngineRest() throws Exception {
        long before = versionCount();

        HttpResponse<String> response = EngineRest.basic(port, engine.getName(), admin.username(), TestAccounts.PASSWORD)
                .deploy("Clearer overdue step", "job-review.bpmn", Diagrams.withRenamedStep("Flag overdue"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(versionCount()).isEqualTo(before + 1);
        world.actAs(admin);
        WorkflowVersion newest = deployments.latest(ReviewVariables.PROCESS_KEY);
        assertThat(newest.comment()).isEqualTo("Clearer overdue step");
        assertThat(newest.deployedBy()).isEqualTo(admin.username());
        assertThat(newest.source()).isEqualTo("Camunda Modeler");
        assertThat(JSON.readTree(response.body()).get("deployedProcessDefinitions").has(newest.definitionId())).isTrue();
    }

    @Test
    void adminDeploysWithAnApiTokenAsBearer() {
        world.actAs(admin);
        String token = context.getBean(ApiTokenService.class).create("modeler").token();
        world.logOut();

        HttpResponse<String> response = EngineRest.bearer(port, engine.getName(), token)
                .deploy("Deployed with a token", "job-review.bpmn", Diagrams.withRenamedStep("Overdue (token)"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void reviewersGet403AndAnonymousCallers401OnEngineRest() {
        long before = versionCount();

        HttpResponse<String> reviewer = EngineRest.basic(port, engine.getName(), rita.username(), TestAccounts.PASSWORD)
                .deploy("Not allowed", "job-review.bpmn", Diagrams.withRenamedStep("Rita's step"));
        HttpResponse<String> anonymous = EngineRest.anonymous(port, engine.getName())
                .deploy("Not allowed", "job-review.bpmn", Diagrams.withRenamedStep("Nobody's step"));
        HttpResponse<String> wrongPassword = EngineRest.basic(port, engine.getName(), admin.username(), "wrong").get("/version");

        assertThat(reviewer.statusCode()).isEqualTo(403);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(EngineRest.basic(port, engine.getName(), rita.username(), TestAccounts.PASSWORD).get("/process-definition")
                .statusCode()).isEqualTo(403);
        assertThat(versionCount()).isEqualTo(before);
    }

    @Test
    void brokenDiagramIsRefusedWithTheParserMessageAndNothingIsDeployed() throws Exception {
        long before = versionCount();
        long recordsBefore = TestAccounts.count(jdbc, "workflow_version");
        long deploymentsBefore = repository.createDeploymentQuery().count();

        HttpResponse<String> response = EngineRest.basic(port, engine.getName(), admin.username(), TestAccounts.PASSWORD)
                .deploy("Broken", "job-review.bpmn", Diagrams.withDanglingFlow());

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("type").asText()).isEqualTo("ParseException");
        assertThat(body.get("message").asText()).contains("Camunda parser").contains("EndEvent_Nowhere");
        JsonNode errors = body.get("details").get("job-review.bpmn").get("errors");
        assertThat(errors).isNotEmpty();
        assertThat(errors.findValuesAsText("mainElementId")).contains("Flow_ToOverdueNotified");
        assertThat(versionCount()).isEqualTo(before);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deploymentsBefore);
        assertThat(TestAccounts.count(jdbc, "workflow_version")).isEqualTo(recordsBefore);
    }

    @Test
    void theAppsContractIsCheckedOnEveryPathWithAMessagePerElement() throws Exception {
        long before = versionCount();
        world.actAs(admin);

        assertThatThrownBy(() -> deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withUnknownDelegate(), "x"))
                .isInstanceOfSatisfying(WorkflowValidationException.class, e -> assertThat(e.problems())
                        .extracting(WorkflowProblem::elementId, WorkflowProblem::source)
                        .contains(org.assertj.core.groups.Tuple.tuple("Task_MarkOverdue", WorkflowProblem.Source.CONTRACT)));
        assertThatThrownBy(() -> deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedMessage(), "x"))
                .isInstanceOfSatisfying(WorkflowValidationException.class, e -> assertThat(e.problems())
                        .extracting(WorkflowProblem::message).anyMatch(m -> m.contains("annotationCompleted")));
        HttpResponse<String> modeler = EngineRest.basic(port, engine.getName(), admin.username(), TestAccounts.PASSWORD)
                .deploy("Unknown bean", "job-review.bpmn", Diagrams.withUnknownDelegate());
        assertThat(modeler.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(modeler.body()).get("details").get("job-review.bpmn").get("errors")
                .findValuesAsText("message")).anyMatch(m -> m.contains("${sendPigeon}"));
        assertThat(versionCount()).isEqualTo(before);
    }

    @Test
    void lintRulesOfTheModelerAreCheckedOnTheServer() {
        world.actAs(admin);
        String unnamedWithoutHistory = Diagrams.replace(Diagrams.replace(Diagrams.replace(Diagrams.jobReview(),
                " camunda:historyTimeToLive=\"P180D\"", ""), "name=\"Mark overdue and notify admins\" ", ""),
                "id=\"Flow_Approved\" name=\"approved\"", "id=\"Flow_Approved\"");

        List<WorkflowProblem> problems = deployments.validate(ReviewVariables.PROCESS_KEY, unnamedWithoutHistory);

        assertThat(problems).extracting(WorkflowProblem::elementId, WorkflowProblem::source).contains(
                org.assertj.core.groups.Tuple.tuple("job-review", WorkflowProblem.Source.LINT),
                org.assertj.core.groups.Tuple.tuple("Task_MarkOverdue", WorkflowProblem.Source.LINT),
                org.assertj.core.groups.Tuple.tuple("Flow_Approved", WorkflowProblem.Source.LINT));
    }

    @Test
    void theShippedProcessesAndTheSecondOpinionVariantsPassEveryServerSideCheck() throws Exception {
        world.actAs(admin);

        assertThat(deployments.validate(ReviewVariables.PROCESS_KEY, Diagrams.jobReview())).isEmpty();
        assertThat(deployments.validate(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinion())).isEmpty();
        assertThat(deployments.validate(ReviewVariables.PROCESS_KEY, Diagrams.withSecondOpinionForTask(3))).isEmpty();
        assertThat(deployments.validate(AppProcessContract.SYNC_PROCESS_KEY, new String(
                java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes", "cvat-sync.bpmn")),
                StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void rollbackDeploysTheOldVersionAgainAsTheNewest() {
        world.actAs(admin);
        WorkflowVersion original = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Baseline");
        deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedStep("Flag overdue now"), "Rename");

        WorkflowVersion rolledBack = deployments.rollback(original.definitionId());

        assertThat(rolledBack.version()).isGreaterThan(original.version() + 1);
        assertThat(rolledBack.comment()).isEqualTo("Rollback to version " + original.version());
        assertThat(deployments.latest(ReviewVariables.PROCESS_KEY).definitionId()).isEqualTo(rolledBack.definitionId());
        assertThat(deployments.diff(original.definitionId(), rolledBack.definitionId())).isEmpty();
        assertThat(deployments.bpmnXml(rolledBack.definitionId())).contains("Mark overdue and notify admins");
    }

    @Test
    void diffListsAddedRemovedAndChangedElementsById() {
        world.actAs(admin);
        WorkflowVersion before = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "Baseline");
        WorkflowVersion after = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.replace(
                Diagrams.withSecondOpinion(), "name=\"Mark overdue and notify admins\"", "name=\"Flag overdue\""),
                "Second opinion");

        List<ElementChange> changes = deployments.diff(before.definitionId(), after.definitionId());

        assertThat(changes).extracting(ElementChange::elementId, ElementChange::kind).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("Task_SecondOpinion", ElementChange.Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple("Flow_ToApproveInCvat", ElementChange.Kind.ADDED),
                org.assertj.core.groups.Tuple.tuple("Flow_Approved", ElementChange.Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("Task_MarkOverdue", ElementChange.Kind.CHANGED));
        assertThat(changes).filteredOn(c -> c.elementId().equals("Task_MarkOverdue")).singleElement()
                .extracting(ElementChange::detail).isEqualTo("name");
        assertThat(deployments.diff(after.definitionId(), before.definitionId()))
                .filteredOn(c -> c.kind() == ElementChange.Kind.REMOVED).extracting(ElementChange::elementId)
                .containsExactlyInAnyOrder("Task_SecondOpinion", "Flow_ToApproveInCvat");
    }

    @Test
    void versionListShowsWhoWhenCommentAndRunningInstances() {
        world.actAs(admin);
        WorkflowVersion deployed = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedStep("Listed"),
                "For the list");

        List<WorkflowVersion> versions = deployments.versions(ReviewVariables.PROCESS_KEY);

        assertThat(versions.get(0)).isEqualTo(deployed);
        assertThat(versions.get(0).latest()).isTrue();
        assertThat(versions).extracting(WorkflowVersion::version).isSortedAccordingTo((a, b) -> b - a);
        assertThat(versions).filteredOn(v -> "classpath".equals(v.source())).isNotEmpty()
                .allSatisfy(v -> assertThat(v.deployedBy()).isEqualTo("system"));
    }

    @Test
    void aRestartDoesNotPutTheClasspathVersionBackOverAnAdminsDeploy() {
        world.actAs(admin);
        WorkflowVersion admins = deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.withRenamedStep("Admin's"),
                "Admin's change");
        world.logOut();

        classpath.afterSingletonsInstantiated();

        world.actAs(admin);
        assertThat(deployments.latest(ReviewVariables.PROCESS_KEY).definitionId()).isEqualTo(admins.definitionId());
    }

    @Test
    void aChangedClasspathFileIsDeployedOnceAtTheNextStart() {
        world.actAs(admin);
        int before = deployments.latest(ReviewVariables.PROCESS_KEY).version();
        world.logOut();
        byte[] changed = Diagrams.withRenamedStep("Changed in git").getBytes(StandardCharsets.UTF_8);

        classpath.deployIfChanged("processes/job-review.bpmn", changed);
        classpath.deployIfChanged("processes/job-review.bpmn", changed);

        world.actAs(admin);
        WorkflowVersion latest = deployments.latest(ReviewVariables.PROCESS_KEY);
        assertThat(latest.version()).isEqualTo(before + 1);
        assertThat(latest.source()).isEqualTo("classpath");
        assertThat(deployments.bpmnXml(latest.definitionId())).contains("Changed in git");
        // back to the real file, so later tests start from it
        world.logOut();
        classpath.deployIfChanged("processes/job-review.bpmn", Diagrams.jobReview().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void elementTemplatesOfferEveryAppActionOfTheProcessesAndNameExistingBeans() throws Exception {
        JsonNode templates = JSON.readTree(java.nio.file.Path.of("processes", "element-templates",
                "cvat-queue-manager.json").toFile());
        java.util.Set<String> offered = new java.util.HashSet<>();
        for (JsonNode template : templates) {
            assertThat(template.get("$schema").asText()).contains("element-templates-json-schema");
            assertThat(template.get("id").asText()).startsWith("io.cvatqueue.");
            assertThat(template.get("appliesTo").get(0).asText()).isEqualTo("bpmn:ServiceTask");
            for (JsonNode property : template.get("properties")) {
                if (property.get("binding").get("name").asText().equals("camunda:delegateExpression")) {
                    String bean = property.get("value").asText().replaceAll("^\\$\\{|}$", "");
                    assertThat(context.containsBean(bean)).as(bean).isTrue();
                    offered.add(bean);
                }
            }
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        java.util.regex.Matcher delegate = java.util.regex.Pattern.compile("camunda:delegateExpression=\"\\$\\{(\\w+)}\"")
                .matcher(Diagrams.jobReview() + java.nio.file.Files.readString(java.nio.file.Path.of("processes", "cvat-sync.bpmn")));
        while (delegate.find()) {
            used.add(delegate.group(1));
        }
        assertThat(offered).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void reviewersMayNotDeployNorReadVersions() {
        world.actAs(rita);

        assertThatThrownBy(() -> deployments.versions(ReviewVariables.PROCESS_KEY))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> deployments.deploy(ReviewVariables.PROCESS_KEY, Diagrams.jobReview(), "x"))
                .isInstanceOf(AccessDeniedException.class);
    }

    private long versionCount() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(ReviewVariables.PROCESS_KEY).count();
    }
}
