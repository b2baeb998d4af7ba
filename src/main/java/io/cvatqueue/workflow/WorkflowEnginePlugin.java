package io.cvatqueue.workflow;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Hooks the app's checks and version records into every deployment the engine makes: the validator before
 * Camunda's BPMN deployer, the recorder after it.
 */
@Component
class WorkflowEnginePlugin extends AbstractProcessEnginePlugin {

    private final WorkflowValidator validator;
    private final VersionRecorder recorder;

    WorkflowEnginePlugin(WorkflowValidator validator, ObjectProvider<NamedParameterJdbcTemplate> jdbc,
                         ObjectProvider<SecurityContextHolderStrategy> securityContexts) {
        this.validator = validator;
        this.recorder = new VersionRecorder(jdbc, securityContexts);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        validator.attach(configuration);
        List<Deployer> pre = new ArrayList<>(configuration.getCustomPreDeployers() == null ? List.of()
                : configuration.getCustomPreDeployers());
        pre.add(new ValidatingDeployer(validator));
        configuration.setCustomPreDeployers(pre);
        List<Deployer> post = new ArrayList<>(configuration.getCustomPostDeployers() == null ? List.of()
                : configuration.getCustomPostDeployers());
        post.add(recorder);
        configuration.setCustomPostDeployers(post);
    }
}
