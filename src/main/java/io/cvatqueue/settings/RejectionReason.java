package io.cvatqueue.settings;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("rejection_reason")
public record RejectionReason(@Id Long id, String label, boolean active, int sortOrder) {
}
