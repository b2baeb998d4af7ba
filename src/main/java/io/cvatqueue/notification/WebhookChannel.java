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
import java.util.Map;

/**
 * Posts {@code {"text": "..."}} to an incoming webhook: the format Slack, Mattermost and Teams' incoming-webhook
 * connectors accept. Bounded by a connect and an answer timeout, so a slow team server cannot hold up the sender.
 * Error messages never contain the URL (it is a secret).
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
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", text))))
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

    /** Why a post or an e-mail failed, in words for the admin screen. */
    static final class DeliveryFailure extends RuntimeException {
        DeliveryFailure(String message) {
            super(message);
        }
    }
}
