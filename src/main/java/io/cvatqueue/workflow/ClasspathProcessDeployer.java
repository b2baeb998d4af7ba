package io.cvatqueue.workflow;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Deploys processes/*.bpmn at start, in place of Camunda's auto-deployment (switched off in application.yml),
 * which redeploys every classpath file whenever one of them changed and so would put the classpath version back
 * over an admin's. Here a file is deployed only when its content differs from the content last deployed from the
 * classpath (workflow_classpath_resource); a plain restart changes nothing. Runs once all beans exist (the
 * delegates the validator looks for) and before the web server and the job executor start.
 */
@Component
class ClasspathProcessDeployer implements SmartInitializingSingleton {

    static final String SOURCE = "classpath";
    private static final Logger log = LoggerFactory.getLogger(ClasspathProcessDeployer.class);

    private final RepositoryService repository;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    ClasspathProcessDeployer(RepositoryService repository, NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:processes/*.bpmn")) {
                try (InputStream in = resource.getInputStream()) {
                    deployIfChanged("processes/" + resource.getFilename(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deployIfChanged(String resourceName, byte[] bpmn) {
        String sha = VersionRecorder.sha256(bpmn);
        List<String> recorded = jdbc.queryForList(
                "select content_sha256 from workflow_classpath_resource where resource_name = :name",
                new MapSqlParameterSource("name", resourceName), String.class);
        if (!recorded.isEmpty() && recorded.get(0).equals(sha)) {
            return;
        }
        String key = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn)).getModelElementsByType(Process.class)
                .stream().filter(Process::isExecutable).map(Process::getId).findFirst().orElse(null);
        ProcessDefinition latest = key == null ? null
                : repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion().singleResult();
        if (latest != null && sha.equals(VersionRecorder.sha256(resourceOf(latest)))) {
            log.info("{} is already deployed as version {} of {}", resourceName, latest.getVersion(), key);
        } else {
            // duplicate filtering by name: two nodes starting at once deploy the new content once
            repository.createDeployment().name(resourceName).source(SOURCE).enableDuplicateFiltering(false)
                    .addInputStream(resourceName, new ByteArrayInputStream(bpmn)).deploy();
            if (latest != null) {
                log.warn("{} changed in the app's classpath: deployed it as the newest version of {} (was version {})",
                        resourceName, key, latest.getVersion());
            }
        }
        record(resourceName, sha, !recorded.isEmpty());
    }

    private byte[] resourceOf(ProcessDefinition definition) {
        try (InputStream in = repository.getResourceAsStream(definition.getDeploymentId(),
                definition.getResourceName())) {
            return Objects.requireNonNull(in).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void record(String resourceName, String sha, boolean exists) {
        MapSqlParameterSource row = new MapSqlParameterSource("name", resourceName).addValue("sha", sha)
                .addValue("at", Timestamp.from(clock.instant()));
        if (exists) {
            jdbc.update("update workflow_classpath_resource set content_sha256 = :sha, recorded_at = :at "
                    + "where resource_name = :name", row);
            return;
        }
        try {
            jdbc.update("insert into workflow_classpath_resource (resource_name, content_sha256, recorded_at) "
                    + "values (:name, :sha, :at)", row);
        } catch (DuplicateKeyException e) {
            // another node recorded the same file at the same moment
        }
    }
}
