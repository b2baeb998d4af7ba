package io.cvatqueue.ops;

import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel.User;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether each CVAT instance answers {@code GET /api/users/self} with its service token. Results are cached
 * ({@code app.health.cvat-cache}, 30 s) so that frequent health probes do not hammer CVAT, checks of several
 * instances run in parallel, and a probe waits at most {@code app.health.cvat-timeout} (3 s) for an answer:
 * a slow CVAT shows as DOWN quickly instead of making /actuator/health itself slow. A check still running when
 * its wait ends finishes in the background and its result is cached.
 */
@Component
public class CvatReachability {

    /**
     * A CVAT instance that cannot be used right now. Not DOWN: the app itself works on (reviews are queued, CVAT
     * updates are retried), so a load balancer must not take nodes out during a CVAT outage; the status maps to
     * HTTP 200 and is left out of the readiness and liveness groups (application.yml).
     */
    public static final Status UNREACHABLE = new Status("UNREACHABLE", "CVAT cannot be reached or refuses the service token");

    private final CvatInstanceService instances;
    private final Clock clock;
    private final Duration timeout;
    private final Duration cacheFor;
    private final ConcurrentMap<Long, Check> checks = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "cvat-health");
        thread.setDaemon(true);
        return thread;
    });

    public CvatReachability(CvatInstanceService instances, Clock clock,
                            @Value("${app.health.cvat-timeout:3s}") Duration timeout,
                            @Value("${app.health.cvat-cache:30s}") Duration cacheFor) {
        this.instances = instances;
        this.clock = clock;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
    }

    /** Starts the checks of all these instances whose cached result is stale, so they run side by side. */
    public void refresh(List<CvatInstance> all) {
        all.forEach(this::current);
    }

    public Health health(CvatInstance instance) {
        Check check = current(instance);
        long waitMillis = timeout.toMillis() - Duration.between(check.startedAt(), clock.instant()).toMillis();
        try {
            return check.result().get(Math.max(0, waitMillis), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return base(instance).status(UNREACHABLE)
                    .withDetail("error", "CVAT did not answer within " + timeout.toSeconds() + " s")
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return base(instance).unknown().build();
        } catch (ExecutionException e) {
            return base(instance).status(UNREACHABLE).withDetail("error", String.valueOf(e.getCause().getMessage())).build();
        }
    }

    private Check current(CvatInstance instance) {
        return checks.compute(instance.id(), (id, old) -> {
            if (old != null && (!old.result().isDone() || old.startedAt().plus(cacheFor).isAfter(clock.instant()))
                    && old.baseUrl().equals(instance.baseUrl())) {
                return old;
            }
            return new Check(clock.instant(), instance.baseUrl(),
                    CompletableFuture.supplyAsync(() -> probe(instance), executor));
        });
    }

    private Health probe(CvatInstance instance) {
        try {
            User self = instances.serviceClient(instance).currentUser();
            return base(instance).up().withDetail("serviceUser", self.username()).build();
        } catch (RuntimeException e) {
            // CvatException messages are written for people; token decryption problems say what to do as well
            return base(instance).status(UNREACHABLE).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }

    private static Health.Builder base(CvatInstance instance) {
        return new Health.Builder().withDetail("name", instance.name()).withDetail("url", instance.baseUrl());
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private record Check(Instant startedAt, String baseUrl, CompletableFuture<Health> result) {
    }
}
