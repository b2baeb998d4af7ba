package io.cvatqueue.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Posts a notice to a team's incoming webhook: {@code {"text": "..."}}, the format of Slack, Mattermost and Teams'
 * old incoming-webhook connectors, or an Adaptive Card for a Teams Workflows webhook (Microsoft retired the
 * connectors; a channel's "Post to a channel when a webhook request is received" workflow takes only cards). Bounded
 * by a connect and an answer timeout, so a slow team server cannot hold up the sender. Error messages never contain
 * the URL (it is a secret).
 */
@Component
public class WebhookChannel {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    WebhookChannel(@Value("${app.notifications.webhook-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @throws DeliveryFailure with what went wrong, in words */
    void post(String url, String text) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload(url, text))))
                    .build();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new DeliveryFailure("The webhook URL is not usable: " + e.getClass().getSimpleName());
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new DeliveryFailure("The webhook answered HTTP " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)));
            }
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure("The webhook did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new DeliveryFailure("The webhook could not be reached: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure("Interrupted while posting to the webhook");
        }
    }

    /** What is posted to {@code url}: an Adaptive Card for a Teams workflow, else Slack's {@code text} message. */
    static Map<String, Object> payload(String url, String text) {
        if (!isTeamsWorkflow(url)) {
            return Map.of("text", text);
        }
        // one text block per line: a card's text block does not break at a single newline
        List<Map<String, Object>> body = text.lines().filter(line -> !line.isBlank())
                .map(line -> Map.<String, Object>of("type", "TextBlock", "wrap", true,
                        "text", line.startsWith("http://") || line.startsWith("https://")
                                ? "[" + line + "](" + line + ")" : line))
                .toList();
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", body);
        return Map.of("type", "message", "attachments", List.of(Map.of(
                "contentType", "application/vnd.microsoft.card.adaptive", "content", card)));
    }

    /**
     * A Teams Workflows (Power Automate) webhook: hosted by Logic Apps or the Power Platform, with a path to a
     * workflow's manual trigger, e.g. {@code https://prod-12.westeurope.logic.azure.com:443/workflows/<id>/triggers/
     * manual/paths/invoke?...} or {@code https://<env>.environment.api.powerplatform.com:443/powerautomate/
     * automations/direct/workflows/<id>/triggers/manual/paths/invoke?...}.
     */
    static boolean isTeamsWorkflow(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getPath() == null ? "" : uri.getPath();
        return host.endsWith(".logic.azure.com") || host.endsWith(".api.powerplatform.com")
                || path.contains("/workflows/") && path.endsWith("/triggers/manual/paths/invoke");
    }

    /** Why a post or an e-mail failed, in words for the admin screen. */
    static final class DeliveryFailure extends RuntimeException {
        DeliveryFailure(String message) {
            super(message);
        }
    }
}
