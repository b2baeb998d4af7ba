package io.cvatqueue.analytics;

import java.time.Instant;
import java.util.Collection;

/** The task's annotation totals at one moment. */
public record TimelinePoint(Instant at, int shapes, int tracks, int tags) {

    static TimelinePoint sum(Instant at, Collection<AnnotationSnapshot> jobs) {
        return new TimelinePoint(at,
                jobs.stream().mapToInt(AnnotationSnapshot::shapes).sum(),
                jobs.stream().mapToInt(AnnotationSnapshot::tracks).sum(),
                jobs.stream().mapToInt(AnnotationSnapshot::tags).sum());
    }

    TimelinePoint at(Instant later) {
        return new TimelinePoint(later, shapes, tracks, tags);
    }

    public int total() {
        return shapes + tracks + tags;
    }
}
