package io.cvatqueue.analytics;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;

/** The outcome of one snapshot refresh of one task, kept so that pages can say when and how it last ran. */
@Table("analytics_refresh")
public record TaskRefresh(@Id Long id, long instanceId, long cvatTaskId, Instant refreshedAt, int jobs,
                          int downloaded, int unchanged, int failed, String errors) {
}
