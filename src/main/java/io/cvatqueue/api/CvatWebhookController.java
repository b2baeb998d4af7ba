package io.cvatqueue.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "CVAT webhooks")
class CvatWebhookController {

    private final CvatWebhookService webhooks;

    CvatWebhookController(CvatWebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** The raw bytes are taken as they came: the signature covers exactly those. */
    @PostMapping(path = "/api/v1/cvat/webhook/{instanceId}")
    @SecurityRequirements
    @Operation(summary = "Receiver for CVAT's update:job webhook",
            description = "Configure in CVAT with this URL, content type application/json, the instance's webhook "
                    + "secret and the event update:job. Signed with X-Signature-256; no app login needed.")
    CvatWebhookService.Outcome receive(@PathVariable long instanceId,
                                       @RequestHeader(name = CvatWebhookService.SIGNATURE_HEADER, required = false)
                                       String signature,
                                       @RequestBody(required = false) byte[] body) {
        return webhooks.receive(instanceId, signature, body == null ? new byte[0] : body);
    }
}
