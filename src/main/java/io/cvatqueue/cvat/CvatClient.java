package io.cvatqueue.cvat;

import feign.RetryableException;
import io.cvatqueue.cvat.CvatModel.AnnotationCounts;
import io.cvatqueue.cvat.CvatModel.BasicUser;
import io.cvatqueue.cvat.CvatModel.Issue;
import io.cvatqueue.cvat.CvatModel.IssueCreate;
import io.cvatqueue.cvat.CvatModel.Job;
import io.cvatqueue.cvat.CvatModel.JobStage;
import io.cvatqueue.cvat.CvatModel.JobState;
import io.cvatqueue.cvat.CvatModel.JobUpdate;
import io.cvatqueue.cvat.CvatModel.Page;
import io.cvatqueue.cvat.CvatModel.Project;
import io.cvatqueue.cvat.CvatModel.Task;
import io.cvatqueue.cvat.CvatModel.User;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the queue manager does with one CVAT instance, as one user. Lists are read to the end by
 * incrementing {@code page} on the configured base URL (CVAT's {@code next} links can carry the wrong host
 * behind a proxy). Every failure surfaces as a {@link CvatException}.
 */
public class CvatClient {

    private final CvatApi api;
    private final CvatConnection connection;
    private final int pageSize;
    private final CvatOrganization organization;

    CvatClient(CvatApi api, CvatConnection connection, int pageSize) {
        this(api, connection, pageSize, CvatOrganization.INSTANCE_DEFAULT);
    }

    private CvatClient(CvatApi api, CvatConnection connection, int pageSize, CvatOrganization organization) {
        this.api = api;
        this.connection = connection;
        this.pageSize = pageSize;
        this.organization = organization;
    }

    /** The same client, calling in the given organisation context: the one of the task the calls are about. */
    public CvatClient in(CvatOrganization context) {
        return context.equals(organization) ? this : new CvatClient(api, connection, pageSize, context);
    }

    public User currentUser() {
        return call(api::currentUser);
    }

    public List<BasicUser> listUsers() {
        return readAllPages(new LinkedHashMap<>(), api::listUsers);
    }

    public List<Task> listTasks() {
        return readAllPages(new LinkedHashMap<>(), api::listTasks);
    }

    /** The projects the token's user sees, in the instance's organisation context. */
    public List<Project> listProjects() {
        return readAllPages(new LinkedHashMap<>(), api::listProjects);
    }

    /** The tasks of one project, filtered by CVAT itself ({@code project_id}). */
    public List<Task> listTasksOfProject(long projectId) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("project_id", projectId);
        return readAllPages(query, api::listTasks);
    }

    public Task getTask(long taskId) {
        return call(() -> api.getTask(taskId, organization.query()));
    }

    /** Jobs of one task, optionally narrowed to a stage and a state, filtered by CVAT itself. */
    public List<Job> listJobs(long taskId, JobStage stage, JobState state) {
        Map<String, Object> query = new LinkedHashMap<>(organization.query());
        query.put("task_id", taskId);
        if (stage != null) {
            query.put("stage", stage.wire());
        }
        if (state != null) {
            query.put("state", state.wire());
        }
        return readAllPages(query, api::listJobs);
    }

    public Job getJob(long jobId) {
        return call(() -> api.getJob(jobId, organization.query()));
    }

    /**
     * Sets assignee (null unassigns), stage and state in one PATCH: CVAT resets the state when the stage is sent
     * alone, and refuses a null stage or state, so both are required.
     */
    public Job updateJob(long jobId, Long assigneeId, JobStage stage, JobState state) {
        if (stage == null || state == null) {
            throw new IllegalArgumentException("Changing CVAT job " + jobId + " needs both stage and state");
        }
        return call(() -> api.updateJob(jobId, new JobUpdate(assigneeId, stage, state), organization.query()));
    }

    public AnnotationCounts annotationCounts(long jobId) {
        return call(() -> api.getJobAnnotations(jobId, organization.query())).counts();
    }

    /** Every annotation object of the job as CVAT sends it: one download of the whole job, however big. */
    public CvatModel.JobAnnotations jobAnnotations(long jobId) {
        return call(() -> api.getJobAnnotationObjects(jobId, organization.query()));
    }

    /** The job's issues (review notes pinned to frames), resolved or not. */
    public List<Issue> listIssues(long jobId) {
        Map<String, Object> query = new LinkedHashMap<>(organization.query());
        query.put("job_id", jobId);
        return readAllPages(query, api::listIssues);
    }

    /** The labels a job's annotations can use. */
    public List<CvatModel.Label> listLabels(long jobId) {
        Map<String, Object> query = new LinkedHashMap<>(organization.query());
        query.put("job_id", jobId);
        return readAllPages(query, api::listLabels);
    }

    /** Posts a review note as a CVAT issue on the job's first frame, so the annotator sees it in CVAT. */
    public Issue postIssue(long jobId, int frame, String message) {
        return call(() -> api.createIssue(new IssueCreate(frame, List.of(0.0, 0.0, 1.0, 1.0), jobId, message),
                organization.query()));
    }

    /** The page a person opens in the browser to work on the job. */
    public String jobUrl(long taskId, long jobId) {
        return jobUrl(connection.baseUrl(), taskId, jobId);
    }

    public static String jobUrl(String baseUrl, long taskId, long jobId) {
        return baseUrl + "/tasks/" + taskId + "/jobs/" + jobId;
    }

    /** The job's page in CVAT, opened at one frame (CVAT's {@code ?frame=N}). */
    public static String frameUrl(String baseUrl, long taskId, long jobId, int frame) {
        return jobUrl(baseUrl, taskId, jobId) + "?frame=" + frame;
    }

    private <T> List<T> readAllPages(Map<String, Object> query, Function<Map<String, Object>, Page<T>> fetch) {
        List<T> all = new ArrayList<>();
        int page = 1;
        while (true) {
            Map<String, Object> pageQuery = new LinkedHashMap<>(query);
            pageQuery.put("page", page);
            pageQuery.put("page_size", pageSize);
            Page<T> result;
            try {
                result = call(() -> fetch.apply(pageQuery));
            } catch (CvatException.NotFound e) {
                // CVAT answers 404 "Invalid page." past the end, e.g. when items vanished between two pages
                if (page > 1) {
                    return all;
                }
                throw e;
            }
            if (result.results() != null) {
                all.addAll(result.results());
            }
            boolean lastPage = result.next() == null || result.results() == null || result.results().isEmpty()
                    || all.size() >= result.count();
            if (lastPage) {
                return all;
            }
            page++;
        }
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (CvatException e) {
            throw e;
        } catch (RetryableException e) {
            throw new CvatException.Unavailable("CVAT at " + connection.baseUrl() + " could not be reached ("
                    + describe(e) + "). Check that CVAT is running and the address is right, then try again.", 0, e);
        } catch (feign.FeignException e) {
            // Feign reports a body that is not JSON (a login page, a proxy's error page) as a read error
            if (e instanceof feign.codec.DecodeException
                    || e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                throw new CvatException("CVAT at " + connection.baseUrl() + " answered with something that is not "
                        + "CVAT's API. Check the address.", 0, e);
            }
            throw new CvatException("Unexpected answer from CVAT at " + connection.baseUrl() + ": " + e.getMessage(),
                    e.status(), e);
        }
    }

    private static String describe(RetryableException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.net.SocketTimeoutException) {
            return "timed out";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.nio.channels.UnresolvedAddressException
                || cause instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        // other I/O failures carry library wording ("HTTP/1.1 header parser received no bytes") that says nothing
        // to a person: the server hung up or spoke something else than HTTP
        return "the connection was closed without an answer";
    }
}
