package io.cvatqueue.cvat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.http2client.Http2Client;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Builds {@link CvatClient}s: one Feign proxy per CVAT connection, with bounded timeouts, CVAT's JSON
 * conventions (snake_case) and metering of every request per instance.
 */
@Component
public class CvatClientFactory {

    private final MeterRegistry meterRegistry;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int pageSize;
    private final ObjectMapper mapper;
    private final HttpClient httpClient;
    private static final int MAX_CACHED_CLIENTS = 500;
    private final java.util.Map<CvatConnection, CvatClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    public CvatClientFactory(MeterRegistry meterRegistry,
                             @Value("${app.cvat.connect-timeout:5s}") Duration connectTimeout,
                             @Value("${app.cvat.read-timeout:30s}") Duration readTimeout,
                             @Value("${app.cvat.page-size:500}") int pageSize) {
        this.meterRegistry = meterRegistry;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.pageSize = pageSize;
        this.mapper = cvatObjectMapper();
        this.httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The client for a connection. Clients are immutable and thread-safe, so one is kept per connection (instance,
     * URL, token, organisation) instead of building a Feign proxy for every call; a changed token or URL makes
     * a new connection and so a new client.
     */
    public CvatClient create(CvatConnection connection) {
        if (clients.size() > MAX_CACHED_CLIENTS) {
            // registrations with wrong tokens add connections too: keep the cache bounded
            clients.clear();
        }
        return clients.computeIfAbsent(connection, this::build);
    }

    private CvatClient build(CvatConnection connection) {
        CvatApi api = Feign.builder()
                .client(new MeteredClient(new Http2Client(httpClient), meterRegistry, connection.instanceName()))
                .encoder(new JacksonEncoder(mapper))
                .decoder(new JacksonDecoder(mapper))
                .errorDecoder(new CvatErrorDecoder(connection.baseUrl()))
                // Camunda's job retries and the sync's next cycle retry; Feign itself never waits and retries
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
                        readTimeout.toMillis(), TimeUnit.MILLISECONDS, false))
                .requestInterceptor(template -> {
                    template.header("Authorization", connection.authorization());
                    template.header("Accept", "application/vnd.cvat+json, application/json");
                    // a call for a task whose organisation is known carries it as org / org_id instead
                    boolean ownContext = template.queries().containsKey("org") || template.queries().containsKey("org_id");
                    if (!ownContext && connection.organizationSlug() != null && !connection.organizationSlug().isBlank()) {
                        template.header("X-Organization", connection.organizationSlug());
                    }
                })
                .target(CvatApi.class, connection.baseUrl());
        return new CvatClient(api, connection, pageSize);
    }

    /** CVAT speaks snake_case JSON and ISO dates; unknown fields come and go between CVAT versions. */
    public static ObjectMapper cvatObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
