package io.cvatqueue.cvat;

import feign.Client;
import feign.Request;
import feign.Response;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;

/** Records every CVAT request as {@code cvat.client.requests} (count, latency) tagged by instance and outcome. */
class MeteredClient implements Client {

    static final String METRIC = "cvat.client.requests";

    private final Client delegate;
    private final MeterRegistry registry;
    private final String instance;

    MeteredClient(Client delegate, MeterRegistry registry, String instance) {
        this.delegate = delegate;
        this.registry = registry;
        this.instance = instance;
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "IO_ERROR";
        try {
            Response response = delegate.execute(request, options);
            int status = response.status();
            outcome = status < 400 ? "SUCCESS" : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
            return response;
        } finally {
            sample.stop(Timer.builder(METRIC)
                    .description("Requests sent to CVAT")
                    .tag("instance", instance)
                    .tag("method", request.httpMethod().name())
                    .tag("outcome", outcome)
                    .register(registry));
        }
    }
}
