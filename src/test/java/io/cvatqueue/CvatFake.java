package io.cvatqueue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A stand-in CVAT that knows only {@code GET /api/users/self}: it answers known tokens with the user as CVAT's
 * schema describes it ({@code User}) and any other token with CVAT's 401. Paths outside {@code /api} get
 * WireMock's plain 404, like a web server that is not CVAT.
 */
public final class CvatFake implements AutoCloseable {

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    public CvatFake() {
        server.start();
        server.stubFor(get(urlPathEqualTo("/api/users/self")).atPriority(10)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/vnd.cvat+json")
                        .withBody("{\"detail\":\"Invalid token.\"}")));
    }

    /** Makes CVAT accept {@code authorization} (the full header value) as the given user. */
    public CvatFake acceptsToken(String authorization, long userId, String username) {
        server.stubFor(get(urlPathEqualTo("/api/users/self")).atPriority(1)
                .withHeader("Authorization", equalTo(authorization))
                .willReturn(okJson("""
                        {"url": "%1$s/api/users/%2$d", "id": %2$d, "username": "%3$s",
                         "first_name": "", "last_name": "", "email": "%3$s@example.com",
                         "groups": ["user"], "is_staff": false, "is_superuser": false, "is_active": true,
                         "last_login": "2026-01-05T09:30:00.000000Z", "date_joined": "2025-11-02T14:00:00.000000Z",
                         "has_analytics_access": false}
                        """.formatted(baseUrl(), userId, username))));
        return this;
    }

    /** Makes {@code path} answer 200 with an HTML page, as a web server that is not CVAT would. */
    public CvatFake servesHtmlAt(String path) {
        server.stubFor(get(urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Welcome to nginx!</body></html>")));
        return this;
    }

    /** The base URL as a user would type it into the registration form. */
    public String baseUrl() {
        return "http://localhost:" + server.port();
    }

    public int requestCount() {
        return server.getAllServeEvents().size();
    }

    public void reset() {
        server.resetRequests();
    }

    /** A URL where nothing listens: a port that was free a moment ago. */
    public static String unreachableUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
