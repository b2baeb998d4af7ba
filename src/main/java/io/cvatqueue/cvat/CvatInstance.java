package io.cvatqueue.cvat;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/**
 * A CVAT server the team works on. Each instance has its own queue; app accounts belong to one instance.
 *
 * @param serviceTokenEnc encrypted token (Authorization header value) the workflow and sync use to read all jobs
 *                        and change them; needs maintainer-level rights in CVAT
 * @param webhookSecretEnc encrypted secret CVAT signs its webhook deliveries with, or null for none
 */
@Table("cvat_instance")
public record CvatInstance(@Id Long id, String name, String baseUrl, String organizationSlug, String serviceTokenEnc,
                           String webhookSecretEnc, boolean demo, Instant createdAt, @Version Integer version) {

    public static CvatInstance create(String name, String baseUrl, String serviceTokenEnc, Instant now) {
        return new CvatInstance(null, name, baseUrl, null, serviceTokenEnc, null, false, now, null);
    }

    public CvatInstance withSettings(String name, String organizationSlug, String serviceTokenEnc,
                                     String webhookSecretEnc) {
        return new CvatInstance(id, name, baseUrl, organizationSlug, serviceTokenEnc, webhookSecretEnc, demo, createdAt,
                version);
    }

    public CvatInstance withBaseUrl(String newBaseUrl) {
        return new CvatInstance(id, name, newBaseUrl, organizationSlug, serviceTokenEnc, webhookSecretEnc, demo,
                createdAt, version);
    }

    public CvatInstance asDemo() {
        return new CvatInstance(id, name, baseUrl, organizationSlug, serviceTokenEnc, webhookSecretEnc, true, createdAt,
                version);
    }
}
