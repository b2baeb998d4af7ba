package io.cvatqueue.analytics;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sits in front of the demo CVAT's annotation endpoint ({@code GET /demo-cvat/api/jobs/{id}/annotations/}) and
 * records what the app asks for: which jobs, how many requests at once. It can also make the endpoint slow or
 * answer 503 for chosen jobs, as a struggling CVAT does.
 */
@TestConfiguration
public class CvatFaults {

    private static final Pattern ANNOTATIONS = Pattern.compile("/demo-cvat/api/jobs/(\\d+)/annotations/?");

    private final List<Long> requestedJobs = new CopyOnWriteArrayList<>();
    private final Set<Long> failingJobs = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile Duration delay = Duration.ZERO;

    @Bean
    FilterRegistrationBean<Filter> cvatFaultsFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            Matcher annotations = ANNOTATIONS.matcher(((HttpServletRequest) request).getRequestURI());
            if (!annotations.matches()) {
                chain.doFilter(request, response);
                return;
            }
            long jobId = Long.parseLong(annotations.group(1));
            requestedJobs.add(jobId);
            // counted while the request waits, before any answer is written: once the client has its answer it may
            // send the next request before this filter returns, which would count one request too many
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            if (failingJobs.contains(jobId)) {
                ((HttpServletResponse) response).sendError(503, "CVAT is overloaded");
                return;
            }
            chain.doFilter(request, response);
        });
        registration.addUrlPatterns("/demo-cvat/api/jobs/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Forgets what was recorded and stops failing or slowing anything. */
    public void reset() {
        requestedJobs.clear();
        failingJobs.clear();
        inFlight.set(0);
        maxInFlight.set(0);
        delay = Duration.ZERO;
    }

    public void failAnnotationsOf(long jobId) {
        failingJobs.add(jobId);
    }

    public void slowDownBy(Duration perRequest) {
        delay = perRequest;
    }

    /** Jobs whose annotations were requested since the last reset, in request order. */
    public List<Long> requestedJobs() {
        return List.copyOf(requestedJobs);
    }

    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Requests waiting in the slow-down right now. */
    public int requestsInFlight() {
        return inFlight.get();
    }
}
