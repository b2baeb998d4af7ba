package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.Issue;
import io.cvatqueue.demo.DemoCvatModel.Project;
import io.cvatqueue.demo.DemoCvatModel.Role;
import io.cvatqueue.demo.DemoCvatModel.Task;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo CVAT's starting data: seven users, three projects, eight tasks of 28 to 48 jobs in every stage, with
 * older tasks further along. Deterministic: the same random seed and time give the same data.
 */
final class DemoCvatStartingData {

    private DemoCvatStartingData() {
    }

    static void seed(Random random, Instant now, Map<Long, User> users, Map<Long, Project> projects,
                     Map<Long, Task> tasks, Map<Long, MutableJob> jobs, Map<Long, Issue> issues) {
        List.of(
                new User(1, DemoCvat.ADMIN, "Demo", "Admin", "admin@demo-cvat.local", DemoCvat.ADMIN_TOKEN,
                        Role.OWNER),
                new User(2, "rita", "Rita", "Rossi", "rita@demo-cvat.local", "demo-rita-token", Role.REVIEWER),
                new User(3, "ravi", "Ravi", "Kumar", "ravi@demo-cvat.local", "demo-ravi-token", Role.REVIEWER),
                new User(4, "anna", "Anna", "Berg", "anna@demo-cvat.local", "demo-anna-token", Role.ANNOTATOR),
                new User(5, "tom", "Tom", "Hart", "tom@demo-cvat.local", "demo-tom-token", Role.ANNOTATOR),
                new User(6, "lee", "Lee", "Chen", "lee@demo-cvat.local", "demo-lee-token", Role.ANNOTATOR),
                new User(7, "mia", "Mia", "Novak", "mia@demo-cvat.local", "demo-mia-token", Role.ANNOTATOR))
                .forEach(u -> users.put(u.id(), u));
        List.of(new Project(1, "Street scenes"), new Project(2, "Retail shelves"), new Project(3, "Aerial survey"))
                .forEach(p -> projects.put(p.id(), p));

        record Plan(String name, long projectId, String mode, int jobCount, int segmentSize) {
        }
        List<Plan> plans = List.of(
                new Plan("Street scenes - Berlin day", 1, "annotation", 48, 25),
                new Plan("Street scenes - Berlin night", 1, "annotation", 36, 25),
                new Plan("Street scenes - dashcam video", 1, "interpolation", 30, 200),
                new Plan("Retail shelves - store A", 2, "annotation", 40, 20),
                new Plan("Retail shelves - store B", 2, "annotation", 44, 20),
                new Plan("Retail shelves - price tags", 2, "annotation", 28, 30),
                new Plan("Aerial survey - fields", 3, "annotation", 42, 10),
                new Plan("Aerial survey - roofs", 3, "annotation", 32, 10));
        List<User> annotators = users.values().stream().filter(u -> u.role() == Role.ANNOTATOR).toList();
        List<User> reviewers = users.values().stream().filter(u -> u.role() == Role.REVIEWER).toList();
        long jobId = 0;
        for (int t = 0; t < plans.size(); t++) {
            Plan plan = plans.get(t);
            long taskId = t + 1;
            Instant created = now.minus(Duration.ofDays(45 - 5L * t)).plusSeconds(random.nextInt(36_000));
            int lastSegment = plan.segmentSize() - random.nextInt(plan.segmentSize() / 2);
            int size = (plan.jobCount() - 1) * plan.segmentSize() + lastSegment;
            tasks.put(taskId, new Task(taskId, plan.name(), plan.projectId(), plan.mode(), size, plan.segmentSize(),
                    created));
            // older tasks are further along
            double progress = 0.25 - 0.04 * t;
            for (int s = 0; s < plan.jobCount(); s++) {
                int start = s * plan.segmentSize();
                int stop = s == plan.jobCount() - 1 ? size - 1 : start + plan.segmentSize() - 1;
                MutableJob job = new MutableJob(++jobId, taskId, plan.projectId(), start, stop, created);
                seedJobState(job, random, random.nextDouble() + progress, annotators, reviewers, now, issues);
                jobs.put(job.id, job);
            }
        }
    }

    private static void seedJobState(MutableJob job, Random random, double r, List<User> annotators,
                                     List<User> reviewers, Instant now, Map<Long, Issue> issues) {
        User annotator = annotators.get(random.nextInt(annotators.size()));
        long age = Duration.between(job.createdDate, now).toSeconds();
        Instant changed = job.createdDate.plusSeconds((long) (age * (0.3 + 0.7 * random.nextDouble())));
        if (r < 0.25) {
            job.stage = JobStage.ANNOTATION;
            job.state = JobState.NEW;
            return;
        }
        job.assigneeId = annotator.id();
        job.assigneeUpdatedDate = changed;
        job.updatedDate = changed;
        job.version = 1 + random.nextInt(4);
        job.stage = JobStage.ANNOTATION;
        if (r < 0.35) {
            job.state = JobState.NEW;
            job.assigneeUpdatedDate = job.createdDate.plusSeconds(60);
            job.updatedDate = job.assigneeUpdatedDate;
        } else if (r < 0.58) {
            job.state = JobState.IN_PROGRESS;
            job.work = 10 + random.nextInt(80);
        } else if (r < 0.80) {
            job.state = JobState.COMPLETED;
            job.work = 100;
        } else if (r < 0.83) {
            job.state = JobState.REJECTED;
            job.work = 100;
            User reviewer = reviewers.get(random.nextInt(reviewers.size()));
            long id = issues.size() + 1L;
            issues.put(id, new Issue(id, job.id, job.startFrame, List.of(10.0, 10.0, 120.0, 90.0), reviewer.id(),
                    "Several objects are missing boxes; please check every frame again.", changed, false));
        } else if (r < 0.88) {
            User reviewer = reviewers.get(random.nextInt(reviewers.size()));
            job.assigneeId = reviewer.id();
            job.stage = JobStage.VALIDATION;
            job.state = JobState.IN_PROGRESS;
            job.work = 100;
        } else {
            job.stage = JobStage.ACCEPTANCE;
            job.state = JobState.COMPLETED;
            job.work = 100 + random.nextInt(10);
        }
    }
}
