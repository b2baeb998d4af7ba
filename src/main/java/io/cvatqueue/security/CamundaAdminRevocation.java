package io.cvatqueue.security;

import io.cvatqueue.account.AccountChanged;
import io.cvatqueue.account.AppUser;
import io.cvatqueue.account.AppUserRepository;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Second line behind the filter chain: when an admin is demoted or deactivated, their mirror in Camunda's identity
 * service goes too, so that Camunda's own authorization checks ({@code camunda.bpm.authorization.enabled}) refuse
 * them as well, e.g. once the webapps re-read their user.
 */
@Component
class CamundaAdminRevocation {

    private final ProcessEngine engine;
    private final AppUserRepository users;

    CamundaAdminRevocation(ProcessEngine engine, AppUserRepository users) {
        this.engine = engine;
        this.users = users;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void accountChanged(AccountChanged event) {
        boolean stillActiveAdmin = users.findById(event.userId()).filter(AppUser::active).map(AppUser::isAdmin)
                .orElse(false);
        if (!stillActiveAdmin) {
            SpringSecurityCamundaAuthenticationProvider.revokeAdmin(engine, event.username());
        }
    }
}
