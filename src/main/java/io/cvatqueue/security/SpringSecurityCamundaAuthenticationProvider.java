package io.cvatqueue.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells Camunda's webapps who is logged in to the app. Only admins reach {@code /camunda/**} (see
 * {@link SecurityConfig}); they enter Camunda as members of {@code camunda-admin}.
 * <p>
 * Camunda accepts a signed-in user only if its identity service knows that user: it looks the user up when the
 * webapp session starts and again whenever its authentication cache expires. So each admin is mirrored into
 * Camunda's identity tables on the first visit, with a random password nobody knows: Camunda's own login is
 * never the way in, the app's login is.
 */
public class SpringSecurityCamundaAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SpringSecurityCamundaAuthenticationProvider.class);
    /** "engine/username" pairs already mirrored by this JVM: spares the identity queries on every request. */
    private static final Set<String> MIRRORED = ConcurrentHashMap.newKeySet();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        // Spring Security's request wrapper answers with the authentication of this request's filter chain;
        // unlike the static SecurityContextHolder it cannot mix up two apps (or test contexts) in one JVM
        if (!(request.getUserPrincipal() instanceof Authentication authentication)
                || !(authentication.getPrincipal() instanceof AppUserPrincipal principal) || !principal.isAdmin()) {
            return AuthenticationResult.unsuccessful();
        }
        try {
            mirrorAdmin(engine, principal.username());
        } catch (ProcessEngineException e) {
            log.warn("Cannot sign {} into Camunda: {}", principal.username(), e.getMessage());
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(principal.username());
        result.setGroups(List.of(Groups.CAMUNDA_ADMIN));
        return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // the app's login page is the only challenge; Spring Security redirects before Camunda is reached
    }

    private static void mirrorAdmin(ProcessEngine engine, String username) {
        String key = engine.getName() + "/" + username;
        if (MIRRORED.contains(key)) {
            return;
        }
        // one JVM creates at a time; another node racing us makes saveUser fail once, the next request succeeds
        synchronized (MIRRORED) {
            IdentityService identity = engine.getIdentityService();
            if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
                Group group = identity.newGroup(Groups.CAMUNDA_ADMIN);
                group.setName("Camunda BPM Administrators");
                group.setType(Groups.GROUP_TYPE_SYSTEM);
                identity.saveGroup(group);
            }
            grantAdminGroupEverything(engine);
            if (identity.createUserQuery().userId(username).count() == 0) {
                User user = identity.newUser(username);
                user.setFirstName(username);
                user.setLastName("(CVAT Queue Manager admin)");
                user.setPassword(randomPassword());
                identity.saveUser(user);
                log.info("Mirrored admin {} into Camunda's identity service", username);
            }
            if (identity.createUserQuery().userId(username).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
                identity.createMembership(username, Groups.CAMUNDA_ADMIN);
            }
            MIRRORED.add(key);
        }
    }

    /**
     * What Camunda's own first-user setup does: the camunda-admin group may do everything, so that its members pass
     * the engine's authorization checks, and everyone else (demoted admins included) passes none.
     */
    private static void grantAdminGroupEverything(ProcessEngine engine) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        for (Resources resource : Resources.values()) {
            if (authorizations.createAuthorizationQuery().groupIdIn(Groups.CAMUNDA_ADMIN)
                    .resourceType(resource).resourceId(Authorization.ANY).count() == 0) {
                Authorization all = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                all.setGroupId(Groups.CAMUNDA_ADMIN);
                all.setResource(resource);
                all.setResourceId(Authorization.ANY);
                all.addPermission(Permissions.ALL);
                authorizations.saveAuthorization(all);
            }
        }
    }

    /**
     * Takes an admin's mirror out of Camunda's identity service (demoted or deactivated): Camunda's own
     * authorization checks then refuse that user, and a later promotion mirrors them afresh.
     */
    static void revokeAdmin(ProcessEngine engine, String username) {
        synchronized (MIRRORED) {
            MIRRORED.remove(engine.getName() + "/" + username);
            IdentityService identity = engine.getIdentityService();
            if (identity.createUserQuery().userId(username).count() > 0) {
                identity.deleteUser(username);
                log.info("Removed {} from Camunda's identity service (no longer an active admin)", username);
            }
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
