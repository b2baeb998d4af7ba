package io.cvatqueue.review.priority;

/** What a priority is set on; the narrower wins: a job's over its task's, a task's over its project's. */
public enum PriorityScope {
    PROJECT, TASK, JOB
}
