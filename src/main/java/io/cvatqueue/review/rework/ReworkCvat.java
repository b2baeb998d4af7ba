package io.cvatqueue.review.rework;

import io.cvatqueue.cvat.CvatClient;
import io.cvatqueue.cvat.CvatException;
import io.cvatqueue.cvat.CvatInstanceService;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.review.Review;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads a job's annotations, issues and label names from CVAT (service account) into a {@link JobSnapshot}. */
@Component
class ReworkCvat {

    private static final Logger log = LoggerFactory.getLogger(ReworkCvat.class);

    private final CvatInstanceService instances;

    ReworkCvat(CvatInstanceService instances) {
        this.instances = instances;
    }

    /** @throws CvatException when CVAT cannot serve the annotations or the issues */
    JobSnapshot snapshot(Review review) {
        CvatClient client = instances.serviceClient(review.instanceId()).in(review.organization());
        CvatModel.JobAnnotations annotations = client.jobAnnotations(review.cvatJobId());
        List<CvatModel.Issue> issues = client.listIssues(review.cvatJobId());
        return ReworkDeltaCalculator.snapshot(annotations, issues, labels(client, review));
    }

    /** Label names only make the report readable: without them it names labels by id. */
    private static List<CvatModel.Label> labels(CvatClient client, Review review) {
        try {
            return client.listLabels(review.cvatJobId());
        } catch (CvatException e) {
            log.info("CVAT did not list the labels of job {} ({}); the rework report names labels by id",
                    review.cvatJobId(), e.getMessage());
            return List.of();
        }
    }
}
