package io.cvatqueue.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Lets the demo CVAT's annotators work on their own, every {@code app.demo.tick} (default 20 s), so reviewers
 * see new completed jobs and rejected jobs coming back. Off with {@code app.demo.simulate=false}, as tests that
 * need a still CVAT set it.
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "app.demo.simulate", havingValue = "true", matchIfMissing = true)
class DemoCvatSimulator {

    private static final Logger log = LoggerFactory.getLogger(DemoCvatSimulator.class);

    private final DemoCvat cvat;

    DemoCvatSimulator(DemoCvat cvat) {
        this.cvat = cvat;
    }

    @Scheduled(initialDelayString = "${app.demo.tick:20s}", fixedDelayString = "${app.demo.tick:20s}")
    void tick() {
        var changed = cvat.tick();
        log.debug("Demo CVAT annotators changed {} jobs", changed.size());
    }
}
