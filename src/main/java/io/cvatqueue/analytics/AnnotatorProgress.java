package io.cvatqueue.analytics;

import io.cvatqueue.cvat.CvatModel.JobState;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One assignee's share of a task, from the jobs' latest snapshots. CVAT moves a job to its reviewer in validation,
 * so the numbers follow the job's current assignee.
 *
 * @param annotator     CVAT username, or {@link #UNASSIGNED}
 * @param annotations   shapes + tracks + tags in their jobs
 * @param completedJobs their jobs in state completed (in any stage)
 */
public record AnnotatorProgress(String annotator, int jobs, int completedJobs, int annotations) {

    public static final String UNASSIGNED = "(unassigned)";

    static List<AnnotatorProgress> of(List<AnnotationSnapshot> latestJobs) {
        Map<String, AnnotatorProgress> byAnnotator = new TreeMap<>();
        for (AnnotationSnapshot job : latestJobs) {
            String annotator = job.assignee() == null ? UNASSIGNED : job.assignee();
            boolean completed = JobState.COMPLETED.wire().equals(job.state());
            byAnnotator.merge(annotator, new AnnotatorProgress(annotator, 1, completed ? 1 : 0, job.total()),
                    AnnotatorProgress::plus);
        }
        return byAnnotator.values().stream()
                .sorted(Comparator.comparing(AnnotatorProgress::annotations).reversed()
                        .thenComparing(AnnotatorProgress::annotator))
                .toList();
    }

    private AnnotatorProgress plus(AnnotatorProgress other) {
        return new AnnotatorProgress(annotator, jobs + other.jobs, completedJobs + other.completedJobs,
                annotations + other.annotations);
    }
}
