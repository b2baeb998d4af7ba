package io.cvatqueue.ops;

import io.cvatqueue.cvat.CvatInstance;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.queue.QueueService;
import io.cvatqueue.review.ReviewStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gauge {@code cvat_queue.reviews.open} per instance and open status. Counted by a scheduled query (every
 * {@code app.metrics.refresh}, 10 s) rather than on each scrape, so that scrapes cost the database nothing.
 * The decisions counter {@code cvat_queue.reviews.decided} is kept where CVAT is updated (ReviewCvatActions).
 */
@Component
class ReviewMetrics {

    private final QueueService queue;
    private final CvatInstanceService instances;
    private final MultiGauge open;

    ReviewMetrics(QueueService queue, CvatInstanceService instances, MeterRegistry registry) {
        this.queue = queue;
        this.instances = instances;
        this.open = MultiGauge.builder("cvat_queue.reviews.open")
                .description("Open reviews per CVAT instance and status")
                .register(registry);
    }

    @Scheduled(fixedDelayString = "${app.metrics.refresh:10s}", initialDelayString = "${app.metrics.refresh:10s}")
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (CvatInstance instance : instances.list()) {
            Map<ReviewStatus, Integer> counts = queue.openCountsByStatus(instance.id());
            for (ReviewStatus status : ReviewStatus.values()) {
                if (status.isOpen()) {
                    rows.add(MultiGauge.Row.of(Tags.of("instance", instance.name(), "status", status.name()),
                            counts.getOrDefault(status, 0)));
                }
            }
        }
        // overwrite: rows of deleted instances disappear
        open.register(rows, true);
    }
}
