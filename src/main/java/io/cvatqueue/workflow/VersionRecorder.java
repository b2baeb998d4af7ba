package io.cvatqueue.workflow;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Runs after Camunda's BPMN deployer in every new deployment and writes who deployed each new process version,
 * with the deployment's name as its comment, into workflow_version. It shares the deployment's transaction, so a
 * failed deployment leaves no row either.
 */
class VersionRecorder implements Deployer {

    static final String SYSTEM = "system";

    private final ObjectProvider<NamedParameterJdbcTemplate> jdbc;
    private final ObjectProvider<SecurityContextHolderStrategy> securityContexts;

    VersionRecorder(ObjectProvider<NamedParameterJdbcTemplate> jdbc,
                    ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        this.jdbc = jdbc;
        this.securityContexts = securityContexts;
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        for (ProcessDefinition definition : deployment.getDeployedProcessDefinitions()) {
            ResourceEntity resource = deployment.getResource(definition.getResourceName());
            Instant deployedAt = deployment.getDeploymentTime() == null ? Instant.now()
                    : deployment.getDeploymentTime().toInstant();
            jdbc.getObject().update("""
                    insert into workflow_version (deployment_id, process_definition_id, process_key, version,
                        resource_name, content_sha256, source, comment, deployed_by, deployed_at)
                    values (:deploymentId, :definitionId, :key, :version, :resourceName, :sha, :source, :comment,
                        :deployedBy, :deployedAt)""", new MapSqlParameterSource()
                    .addValue("deploymentId", deployment.getId())
                    .addValue("definitionId", definition.getId())
                    .addValue("key", definition.getKey())
                    .addValue("version", definition.getVersion())
                    .addValue("resourceName", definition.getResourceName())
                    .addValue("sha", resource == null ? "" : sha256(resource.getBytes()))
                    .addValue("source", truncate(deployment.getSource(), 255))
                    .addValue("comment", truncate(deployment.getName(), 1000))
                    .addValue("deployedBy", truncate(currentUser(), 100))
                    .addValue("deployedAt", Timestamp.from(deployedAt)));
        }
    }

    private String currentUser() {
        SecurityContextHolderStrategy contexts = securityContexts.getIfAvailable();
        Authentication authentication = contexts == null ? null : contexts.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? SYSTEM : authentication.getName();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
