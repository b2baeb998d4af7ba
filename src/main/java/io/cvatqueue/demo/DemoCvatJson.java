package io.cvatqueue.demo;

import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.demo.DemoCvatModel.Issue;
import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.Task;
import io.cvatqueue.demo.DemoCvatModel.User;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo CVAT's state written as CVAT 2.52 writes it (schema.yml: JobRead, TaskRead, User, BasicUser,
 * IssueRead, LabeledData), field for field in snake_case, with absolute URLs under the demo's base URL.
 */
final class DemoCvatJson {

    private final DemoCvat cvat;
    private final String baseUrl;

    /** @param baseUrl e.g. {@code http://127.0.0.1:8000/demo-cvat} */
    DemoCvatJson(DemoCvat cvat, String baseUrl) {
        this.cvat = cvat;
        this.baseUrl = baseUrl;
    }

    Map<String, Object> basicUser(User user) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl + "/api/users/" + user.id());
        json.put("id", user.id());
        json.put("username", user.username());
        json.put("first_name", user.firstName());
        json.put("last_name", user.lastName());
        return json;
    }

    Map<String, Object> basicUser(Long userId) {
        return cvat.userById(userId).map(this::basicUser).orElse(null);
    }

    /** The full {@code User}: what a CVAT admin sees, and what anyone sees of themselves. */
    Map<String, Object> user(User user) {
        Map<String, Object> json = basicUser(user);
        json.put("email", user.email());
        json.put("groups", List.of(user.owner() ? "admin" : "user"));
        json.put("is_staff", user.owner());
        json.put("is_superuser", user.owner());
        json.put("is_active", true);
        json.put("last_login", null);
        json.put("date_joined", "2024-01-08T09:00:00Z");
        json.put("has_analytics_access", user.owner());
        return json;
    }

    /** {@code ProjectRead}. */
    Map<String, Object> project(DemoCvatModel.Project project) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl + "/api/projects/" + project.id());
        json.put("id", project.id());
        json.put("name", project.name());
        json.put("owner", basicUser(cvat.user(DemoCvat.ADMIN)));
        json.put("assignee", null);
        json.put("guide_id", null);
        json.put("bug_tracker", "");
        json.put("task_subsets", java.util.List.of());
        json.put("created_date", "2024-01-08T09:00:00Z");
        json.put("updated_date", "2024-01-08T09:00:00Z");
        json.put("status", "annotation");
        json.put("dimension", "2d");
        json.put("organization", null);
        json.put("organization_id", null);
        json.put("target_storage", null);
        json.put("source_storage", null);
        json.put("tasks", Map.of("count", cvat.taskCount(project.id()),
                "url", baseUrl + "/api/tasks?project_id=" + project.id()));
        json.put("labels", Map.of("url", baseUrl + "/api/labels?project_id=" + project.id()));
        json.put("assignee_updated_date", null);
        return json;
    }

    Map<String, Object> task(Task task) {
        DemoCvatModel.JobsSummary summary = cvat.jobsSummary(task.id());
        boolean video = "interpolation".equals(task.mode());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl + "/api/tasks/" + task.id());
        json.put("id", task.id());
        json.put("name", task.name());
        json.put("project_id", task.projectId());
        json.put("mode", task.mode());
        json.put("owner", basicUser(cvat.user(DemoCvat.ADMIN)));
        json.put("assignee", null);
        json.put("bug_tracker", "");
        json.put("created_date", date(task.createdDate()));
        json.put("updated_date", date(cvat.taskUpdatedDate(task.id())));
        json.put("overlap", video ? 5 : 0);
        json.put("segment_size", task.segmentSize());
        json.put("status", cvat.taskStatus(task.id()));
        json.put("data_chunk_size", video ? 72 : 36);
        json.put("data_original_chunk_type", video ? "video" : "imageset");
        json.put("data_compressed_chunk_type", "imageset");
        json.put("data_cloud_storage_id", null);
        json.put("guide_id", null);
        json.put("size", task.size());
        json.put("image_quality", 70);
        json.put("data", task.id());
        json.put("dimension", "2d");
        json.put("subset", "");
        json.put("organization_id", null);
        json.put("organization", null);
        json.put("target_storage", null);
        json.put("source_storage", null);
        Map<String, Object> jobs = new LinkedHashMap<>();
        jobs.put("count", summary.count());
        jobs.put("completed", summary.completed());
        jobs.put("validation", summary.validation());
        jobs.put("url", baseUrl + "/api/jobs?task_id=" + task.id());
        json.put("jobs", jobs);
        json.put("labels", Map.of("url", baseUrl + "/api/labels?task_id=" + task.id()));
        json.put("assignee_updated_date", null);
        json.put("validation_mode", null);
        json.put("consensus_enabled", false);
        return json;
    }

    Map<String, Object> job(Job job) {
        Task task = cvat.task(job.taskId());
        boolean video = "interpolation".equals(task.mode());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", baseUrl + "/api/jobs/" + job.id());
        json.put("id", job.id());
        json.put("task_id", job.taskId());
        json.put("project_id", job.projectId());
        json.put("assignee", basicUser(job.assigneeId()));
        json.put("guide_id", null);
        json.put("dimension", "2d");
        json.put("bug_tracker", null);
        json.put("status", status(job.stage(), job.state()));
        json.put("stage", job.stage().wire());
        json.put("state", job.state().wire());
        json.put("mode", task.mode());
        json.put("frame_count", job.frameCount());
        json.put("start_frame", job.startFrame());
        json.put("stop_frame", job.stopFrame());
        json.put("data_chunk_size", video ? 72 : 36);
        json.put("data_compressed_chunk_type", "imageset");
        json.put("data_original_chunk_type", video ? "video" : "imageset");
        json.put("created_date", date(job.createdDate()));
        json.put("updated_date", date(job.updatedDate()));
        json.put("issues", Map.of("count", job.issueCount(), "url", baseUrl + "/api/issues?job_id=" + job.id()));
        json.put("labels", Map.of("url", baseUrl + "/api/labels?job_id=" + job.id()));
        json.put("type", "annotation");
        json.put("organization", null);
        json.put("target_storage", null);
        json.put("source_storage", null);
        json.put("assignee_updated_date", date(job.assigneeUpdatedDate()));
        json.put("parent_job_id", null);
        json.put("consensus_replicas", 0);
        return json;
    }

    Map<String, Object> issue(Issue issue) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", issue.id());
        json.put("frame", issue.frame());
        json.put("position", issue.position());
        json.put("job", issue.jobId());
        json.put("owner", basicUser(issue.ownerId()));
        json.put("assignee", null);
        json.put("created_date", date(issue.createdDate()));
        json.put("updated_date", date(issue.createdDate()));
        json.put("resolved", issue.resolved());
        // CVAT keeps the message as the issue's first comment
        json.put("comments", Map.of("count", 1, "url", baseUrl + "/api/comments?issue_id=" + issue.id()));
        return json;
    }

    /**
     * {@code LabeledData} of the job's objects; their content is made up but valid, and the same on every call
     * until the object is edited (its revision changes).
     */
    Map<String, Object> annotations(int version, List<DemoCvatModel.AnnotationObject> objects) {
        List<Object> tags = new ArrayList<>();
        List<Object> shapes = new ArrayList<>();
        List<Object> tracks = new ArrayList<>();
        for (DemoCvatModel.AnnotationObject object : objects) {
            Random random = new Random(object.id() * 1_000_003L + object.revision());
            Map<String, Object> json = labeled(object);
            switch (object.kind()) {
                case TAG -> tags.add(json);
                case SHAPE -> {
                    json.putAll(geometry(random));
                    json.put("elements", List.of());
                    shapes.add(json);
                }
                case TRACK -> {
                    Map<String, Object> keyframe = new LinkedHashMap<>();
                    keyframe.put("id", object.id() + 20_000);
                    keyframe.put("frame", object.frame());
                    keyframe.putAll(geometry(random));
                    keyframe.put("attributes", List.of());
                    json.put("shapes", List.of(keyframe));
                    json.put("elements", List.of());
                    tracks.add(json);
                }
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("tags", tags);
        json.put("shapes", shapes);
        json.put("tracks", tracks);
        return json;
    }

    private static Map<String, Object> labeled(DemoCvatModel.AnnotationObject object) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", object.id());
        json.put("frame", object.frame());
        json.put("label_id", object.labelId());
        json.put("group", 0);
        json.put("source", "manual");
        json.put("attributes", List.of());
        return json;
    }

    /** {@code Label}: the demo's six labels, as CVAT lists a task's labels. */
    Map<String, Object> label(int index, long taskId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", index + 1L);
        json.put("name", DemoCvatModel.LABELS.get(index));
        json.put("color", String.format("#%06x", (0x33a02c * (index + 7)) & 0xffffff));
        json.put("attributes", List.of());
        json.put("type", "rectangle");
        json.put("sublabels", List.of());
        json.put("project_id", null);
        json.put("task_id", taskId);
        json.put("parent_id", null);
        json.put("has_parent", false);
        return json;
    }

    private static Map<String, Object> geometry(Random random) {
        double x = random.nextInt(1800);
        double y = random.nextInt(1000);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "rectangle");
        json.put("occluded", random.nextInt(10) == 0);
        json.put("outside", false);
        json.put("z_order", 0);
        json.put("rotation", 0.0);
        json.put("points", List.of(x, y, x + 20 + random.nextInt(100), y + 20 + random.nextInt(80)));
        return json;
    }

    /** {@code JobStatus}, derived from stage and state as CVAT does when a job is written. */
    static String status(JobStage stage, JobState state) {
        if (stage == JobStage.ANNOTATION) {
            return "annotation";
        }
        return stage == JobStage.ACCEPTANCE && state == JobState.COMPLETED ? "completed" : "validation";
    }

    static String date(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
