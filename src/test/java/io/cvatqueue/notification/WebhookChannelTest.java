package io.cvatqueue.notification;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookChannelTest {

    @Test
    void teamsWorkflowWebhooksAreKnownByTheirHostOrTheirTriggerPath() {
        assertThat(WebhookChannel.isTeamsWorkflow("https://prod-12.westeurope.logic.azure.com:443/workflows/"
                + "0a1b2c/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual&sig=abc"))
                .isTrue();
        assertThat(WebhookChannel.isTeamsWorkflow("https://default0a1b2c.3d.environment.api.powerplatform.com:443/"
                + "powerautomate/automations/direct/workflows/0a1b2c/triggers/manual/paths/invoke?api-version=1"))
                .isTrue();
        assertThat(WebhookChannel.isTeamsWorkflow("https://hooks.slack.com/services/T000/B000/XXXX")).isFalse();
        assertThat(WebhookChannel.isTeamsWorkflow("https://chat.example.org/hooks/3xuqb8f1")).isFalse();
        // Teams' retired incoming-webhook connector took Slack's text message
        assertThat(WebhookChannel.isTeamsWorkflow("https://contoso.webhook.office.com/webhookb2/0a1b/IncomingWebhook/"
                + "2c3d/4e5f")).isFalse();
    }

    @Test
    void slackAndMattermostGetTheTextAsItIs() {
        assertThat(WebhookChannel.payload("https://hooks.slack.com/services/T000/B000/XXXX", "Job 7\nhttps://q.test"))
                .isEqualTo(Map.of("text", "Job 7\nhttps://q.test"));
    }
}
