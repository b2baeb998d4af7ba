package io.cvatqueue.security;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Lets Camunda's identity service hold every username the app allows (Camunda's default allows letters and
 * digits only), so that admins such as {@code anna.k} can be mirrored for single sign-on; and writes no
 * per-task authorizations ({@link NoTaskGrants}).
 */
@Component
class CamundaIdentityPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setUserResourceWhitelistPattern("[A-Za-z0-9._@+-]+");
        configuration.setResourceAuthorizationProvider(new NoTaskGrants());
    }
}
