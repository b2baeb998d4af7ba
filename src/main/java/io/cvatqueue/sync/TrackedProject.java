package io.cvatqueue.sync;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** A CVAT project whose tasks are all tracked: those it has now and those created in it later. */
@Table("tracked_project")
public record TrackedProject(@Id Long id, long instanceId, long cvatProjectId, String name, String addedBy,
                             Instant addedAt) {
}
