package io.cvatqueue.cvat;

import feign.Headers;
import feign.Param;
import feign.QueryMap;
import feign.RequestLine;
import io.cvatqueue.cvat.CvatModel.BasicUser;
import io.cvatqueue.cvat.CvatModel.Issue;
import io.cvatqueue.cvat.CvatModel.IssueCreate;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobUpdate;
import io.cvatqueue.cvat.CvatModel.LabeledData;
import io.cvatqueue.cvat.CvatModel.Page;
import io.cvatqueue.cvat.CvatModel.Project;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.cvat.CvatModel.User;

import java.util.Map;

/**
 * CVAT's REST endpoints as a Feign contract. One proxy is built per CVAT instance and token
 * ({@link CvatClientFactory}); callers use {@link CvatClient}, which pages lists to the end. The query maps
 * named {@code context} carry the organisation context ({@link CvatOrganization}).
 */
public interface CvatApi {

    @RequestLine("GET /api/users/self")
    User currentUser();

    @RequestLine("GET /api/users")
    Page<BasicUser> listUsers(@QueryMap Map<String, Object> query);

    @RequestLine("GET /api/tasks")
    Page<Task> listTasks(@QueryMap Map<String, Object> query);

    @RequestLine("GET /api/projects")
    Page<Project> listProjects(@QueryMap Map<String, Object> query);

    @RequestLine("GET /api/tasks/{id}")
    Task getTask(@Param("id") long id, @QueryMap Map<String, Object> context);

    @RequestLine("GET /api/jobs")
    Page<Job> listJobs(@QueryMap Map<String, Object> query);

    @RequestLine("GET /api/jobs/{id}")
    Job getJob(@Param("id") long id, @QueryMap Map<String, Object> context);

    @RequestLine("PATCH /api/jobs/{id}")
    @Headers("Content-Type: application/json")
    Job updateJob(@Param("id") long id, JobUpdate update, @QueryMap Map<String, Object> context);

    @RequestLine("GET /api/jobs/{id}/annotations/")
    LabeledData getJobAnnotations(@Param("id") long id, @QueryMap Map<String, Object> context);

    @RequestLine("GET /api/jobs/{id}/annotations/")
    CvatModel.JobAnnotations getJobAnnotationObjects(@Param("id") long id, @QueryMap Map<String, Object> context);

    @RequestLine("GET /api/issues")
    Page<Issue> listIssues(@QueryMap Map<String, Object> query);

    @RequestLine("GET /api/labels")
    Page<CvatModel.Label> listLabels(@QueryMap Map<String, Object> query);

    @RequestLine("POST /api/issues")
    @Headers("Content-Type: application/json")
    Issue createIssue(IssueCreate issue, @QueryMap Map<String, Object> context);
}
