package io.cvatqueue.cvat;

import io.cvatqueue.crypto.TokenCipher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.annotation.Secured;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;

/** CVAT instances and the clients to talk to them. */
@Service
public class CvatInstanceService {

    private static final java.security.SecureRandom SECURE_RANDOM = new java.security.SecureRandom();

    private final CvatInstanceRepository instances;
    private final CvatClientFactory clientFactory;
    private final TokenCipher cipher;
    private static final String NEW_INSTANCES_BY_REGISTRATION = "registration.newInstances";

    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final List<String> allowedBaseUrls;

    /**
     * @param allowedBaseUrls {@code app.registration.allowed-cvat-urls} ({@code ALLOWED_CVAT_URLS}): comma-separated
     *                        CVAT base URLs registration is limited to; empty for no such limit
     */
    public CvatInstanceService(CvatInstanceRepository instances, CvatClientFactory clientFactory, TokenCipher cipher,
                               Clock clock, JdbcTemplate jdbc,
                               @Value("${app.registration.allowed-cvat-urls:}") String allowedBaseUrls) {
        this.instances = instances;
        this.clientFactory = clientFactory;
        this.cipher = cipher;
        this.clock = clock;
        this.jdbc = jdbc;
        this.allowedBaseUrls = java.util.Arrays.stream(allowedBaseUrls.split(","))
                .map(String::strip).filter(url -> !url.isEmpty())
                .map(CvatInstanceService::allowedBaseUrl)
                .toList();
    }

    private static String allowedBaseUrl(String raw) {
        try {
            return CvatConnection.normaliseBaseUrl(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ALLOWED_CVAT_URLS: '" + raw + "': " + e.getMessage());
        }
    }

    public java.util.Optional<CvatInstance> findByBaseUrl(String normalisedBaseUrl) {
        return instances.findByBaseUrl(normalisedBaseUrl);
    }

    /**
     * Whether a registration may name this (normalised) CVAT address, decided before the app contacts it: with
     * {@code ALLOWED_CVAT_URLS} set, only those addresses; otherwise the instances the app already serves, a new
     * one only if there is none yet (the first registration of a fresh install) or an admin allowed new instances.
     */
    public boolean acceptsRegistrationsFor(String normalisedBaseUrl) {
        if (!allowedBaseUrls.isEmpty()) {
            return allowedBaseUrls.contains(normalisedBaseUrl);
        }
        return instances.findByBaseUrl(normalisedBaseUrl).isPresent() || instances.count() == 0
                || registrationMayAddInstances();
    }

    /** The CVAT addresses {@code ALLOWED_CVAT_URLS} limits registration to; empty when it is not set. */
    public List<String> allowedBaseUrls() {
        return allowedBaseUrls;
    }

    /** Admin setting: may registering with an address the app does not serve yet add it as a new instance? */
    public boolean registrationMayAddInstances() {
        return jdbc.queryForList("select setting_value from workflow_setting where setting_name = ?", String.class,
                NEW_INSTANCES_BY_REGISTRATION).stream().findFirst().map(Boolean::parseBoolean).orElse(false);
    }

    @Secured("ROLE_ADMIN")
    @Transactional
    public void setRegistrationMayAddInstances(boolean allowed) {
        String value = Boolean.toString(allowed);
        if (jdbc.update("update workflow_setting set setting_value = ? where setting_name = ?", value,
                NEW_INSTANCES_BY_REGISTRATION) == 0) {
            jdbc.update("insert into workflow_setting (setting_name, setting_value) values (?, ?)",
                    NEW_INSTANCES_BY_REGISTRATION, value);
        }
    }

    public List<CvatInstance> list() {
        return instances.findAll();
    }

    public java.util.Optional<CvatInstance> find(long id) {
        return instances.findById(id);
    }

    public CvatInstance get(long id) {
        return instances.findById(id).orElseThrow(() -> new NoSuchElementException("CVAT instance " + id + " not found"));
    }

    /** The instance at this (normalised) base URL, created with the given token as its service token if new. */
    @Transactional
    public CvatInstance findOrCreate(String baseUrl, String authorization) {
        return instances.findByBaseUrl(baseUrl).orElseGet(() -> instances.save(
                CvatInstance.create(defaultName(baseUrl), baseUrl, cipher.encrypt(authorization), clock.instant())));
    }

    /**
     * Updates an instance's settings. A blank token keeps the stored one. The new token is checked against
     * CVAT before it is saved.
     */
    @Secured("ROLE_ADMIN")
    @Transactional
    public CvatInstance update(long id, String name, String organizationSlug, String newServiceToken,
                               String webhookSecret) {
        CvatInstance instance = get(id);
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Give the instance a name");
        }
        String tokenEnc = instance.serviceTokenEnc();
        String slug = organizationSlug == null || organizationSlug.isBlank() ? null : organizationSlug.strip();
        if (newServiceToken != null && !newServiceToken.isBlank()) {
            String authorization = CvatConnection.normaliseAuthorization(newServiceToken);
            clientFactory.create(new CvatConnection(instance.name(), instance.baseUrl(), authorization, slug))
                    .currentUser();
            tokenEnc = cipher.encrypt(authorization);
        }
        String secretEnc = webhookSecret == null || webhookSecret.isBlank() ? null : cipher.encrypt(webhookSecret.strip());
        return instances.save(instance.withSettings(name.strip(), slug, tokenEnc, secretEnc));
    }

    /** The instance's webhook secret in clear text, to check signatures and to show it to admins; empty if none. */
    public java.util.Optional<String> webhookSecret(CvatInstance instance) {
        return java.util.Optional.ofNullable(instance.webhookSecretEnc()).map(cipher::decrypt);
    }

    /**
     * Asks CVAT who the instance's stored service token acts as ({@code GET /api/users/self}), so an admin can
     * see whether the token still works and whose rights the workflow uses.
     *
     * @throws CvatException with CVAT's answer in words when the token is missing, rejected or CVAT is down
     */
    @Secured("ROLE_ADMIN")
    public CvatModel.User checkServiceToken(long id) {
        return serviceClient(id).currentUser();
    }

    /** A fresh random secret for CVAT webhook signatures: 32 bytes, URL-safe Base64 without padding. */
    public static String generateWebhookSecret() {
        byte[] bytes = new byte[32];
        SECURE_RANDOM.nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Client acting with the instance's service token: for the sync and the workflow's CVAT changes. */
    public CvatClient serviceClient(long instanceId) {
        return serviceClient(get(instanceId));
    }

    public CvatClient serviceClient(CvatInstance instance) {
        if (instance.serviceTokenEnc() == null) {
            throw new CvatException.AccessDenied("CVAT instance '" + instance.name() + "' has no service token. "
                    + "An admin sets one under Admin > CVAT instances.", 0);
        }
        return clientFactory.create(connection(instance, cipher.decrypt(instance.serviceTokenEnc())));
    }

    /** Client acting as a given user of the instance, with that user's own token. */
    public CvatClient clientWithToken(CvatInstance instance, String authorization) {
        return clientFactory.create(connection(instance, authorization));
    }

    public String jobUrl(long instanceId, long taskId, long jobId) {
        return CvatClient.jobUrl(get(instanceId).baseUrl(), taskId, jobId);
    }

    private static CvatConnection connection(CvatInstance instance, String authorization) {
        return new CvatConnection(instance.name(), instance.baseUrl(), authorization, instance.organizationSlug());
    }

    private static String defaultName(String baseUrl) {
        return java.net.URI.create(baseUrl).getHost();
    }
}
