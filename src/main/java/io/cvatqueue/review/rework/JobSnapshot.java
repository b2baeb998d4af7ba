package io.cvatqueue.review.rework;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/**
 * A compact picture of a job's annotations and issues at one moment (kept when a reviewer rejects the job): every
 * object by identity, label, frames and a fingerprint of its content, not the content itself. A job of 10,000
 * shapes takes about 400 KB.
 *
 * @param version CVAT's annotation version of the job at the time
 * @param labels  label names by CVAT label id, as far as CVAT told them
 */
public record JobSnapshot(Integer version, List<AnnotationObject> objects, List<IssueState> issues,
                          Map<Long, String> labels) {

    /** What kind of annotation object CVAT keeps it as. */
    public enum Kind { SHAPE, TRACK, TAG }

    /**
     * One annotation object. {@code firstFrame} and {@code lastFrame} are equal except for tracks (their first and
     * last key frame). The fingerprint changes with anything CVAT keeps about the object (geometry, label,
     * attributes, key frames) and not with its id. Written as a JSON array to keep the snapshot small.
     */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"kind", "id", "labelId", "firstFrame", "lastFrame", "fingerprint"})
    public record AnnotationObject(Kind kind, Long id, long labelId, int firstFrame, int lastFrame,
                                   String fingerprint) {

        /** How an object is recognised in the other version: CVAT's id, or its content for objects without one. */
        String identity() {
            return kind + ":" + (id != null ? "id" + id : "fp" + fingerprint);
        }
    }

    /** A CVAT issue of the job: where it is pinned and whether it is resolved. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"id", "frame", "resolved"})
    public record IssueState(long id, int frame, boolean resolved) {
    }
}
