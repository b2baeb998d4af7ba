package io.cvatqueue.demo;

import io.cvatqueue.demo.DemoCvatModel.Job;
import io.cvatqueue.demo.DemoCvatModel.Task;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * What a reviewer's "open in CVAT" link shows for the demo CVAT ({@code /demo-cvat/tasks/{task}/jobs/{job}},
 * the path of CVAT's own job page): the job as it stands and the notes posted to it. Read-only and without
 * login, because the demo has no annotation editor and no secrets.
 */
@RestController
@Profile("demo")
class DemoCvatJobPage {

    private final DemoCvat cvat;

    DemoCvatJobPage(DemoCvat cvat) {
        this.cvat = cvat;
    }

    @GetMapping(value = "/demo-cvat/tasks/{taskId}/jobs/{jobId}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> show(@PathVariable("taskId") long taskId, @PathVariable("jobId") long jobId) {
        Job job;
        Task task;
        try {
            job = cvat.job(jobId);
            task = cvat.task(taskId);
        } catch (DemoCvatException e) {
            return notFound("Job " + jobId + " does not exist in the demo CVAT.");
        }
        if (job.taskId() != taskId) {
            return notFound("Job " + jobId + " does not belong to task " + taskId + ".");
        }
        String assignee = cvat.userById(job.assigneeId())
                .map(u -> u.firstName() + " " + u.lastName() + " (" + u.username() + ")").orElse("nobody");
        DemoCvatModel.Annotations annotations = cvat.annotations(jobId);
        StringBuilder issues = new StringBuilder();
        for (DemoCvatModel.Issue issue : cvat.issues(jobId)) {
            String author = cvat.userById(issue.ownerId()).map(DemoCvatModel.User::username).orElse("?");
            issues.append("<li><b>").append(htmlEscape(author)).append("</b> on frame ").append(issue.frame())
                    .append(", ").append(DemoCvatJson.date(issue.createdDate())).append(": ")
                    .append(htmlEscape(issue.message())).append("</li>");
        }
        String body = """
                <h1>Demo CVAT &mdash; job #%d</h1>
                <p class="note">This is the queue manager's built-in demo CVAT. In a real CVAT this page is the \
                annotation editor; here it shows the job's state, which simulated annotators change over time.</p>
                <table>
                <tr><th>Job</th><td id="job-id">%d</td></tr>
                <tr><th>Task</th><td id="task">#%d %s</td></tr>
                <tr><th>Project</th><td>%s</td></tr>
                <tr><th>Stage</th><td id="stage">%s</td></tr>
                <tr><th>State</th><td id="state">%s</td></tr>
                <tr><th>Assignee</th><td id="assignee">%s</td></tr>
                <tr><th>Frames</th><td>%d&ndash;%d (%d frames)</td></tr>
                <tr><th>Annotations</th><td>%d shapes, %d tracks, %d tags</td></tr>
                <tr><th>Last change</th><td>%s</td></tr>
                </table>
                <h2>Issues and notes (%d)</h2>
                <ul id="issues">%s</ul>
                """.formatted(job.id(), job.id(), task.id(), htmlEscape(task.name()),
                htmlEscape(cvat.project(task.projectId()).name()), job.stage().wire(), job.state().wire(),
                htmlEscape(assignee), job.startFrame(), job.stopFrame(), job.frameCount(), annotations.shapes(),
                annotations.tracks(), annotations.tags(), DemoCvatJson.date(job.updatedDate()), job.issueCount(),
                issues.isEmpty() ? "<li>none</li>" : issues);
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(html("Demo CVAT - job " + jobId, body));
    }

    private static ResponseEntity<String> notFound(String message) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_HTML)
                .body(html("Demo CVAT - not found", "<h1>Demo CVAT</h1><p>" + htmlEscape(message) + "</p>"));
    }

    private static String html(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>%s</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 48rem; color: #222; }
                h1 { font-size: 1.5rem; } h1::before { content: "DEMO"; background: #e65100; color: #fff;
                  font-size: .75rem; padding: .15rem .4rem; margin-right: .6rem; border-radius: .2rem;
                  vertical-align: middle; }
                .note { background: #fff3e0; padding: .6rem .8rem; border-radius: .3rem; }
                th { text-align: left; padding-right: 1.5rem; } td, th { padding: .2rem 0; }
                </style></head>
                <body>%s</body></html>
                """.formatted(htmlEscape(title), body);
    }
}
