package io.cvatqueue.settings;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;

public interface RejectionReasonRepository extends ListCrudRepository<RejectionReason, Long> {

    List<RejectionReason> findByActiveTrueOrderBySortOrderAscLabelAsc();

    List<RejectionReason> findAllByOrderBySortOrderAscLabelAsc();
}
