package io.cvatqueue.review.rework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvatqueue.cvat.CvatModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The comparison of a rejected version of a job with the version completed again, without CVAT. */
class ReworkDeltaCalculatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CAR = 1;
    private static final long PEDESTRIAN = 2;

    @Test
    void twoBoxesAddedAndOneRemovedAreCountedPerLabelWithTheirFrames() {
        List<JsonNode> before = List.of(box(1, CAR, 3), box(2, CAR, 4), box(3, PEDESTRIAN, 5));
        List<JsonNode> after = List.of(box(1, CAR, 3), box(3, PEDESTRIAN, 5), box(4, CAR, 7), box(5, PEDESTRIAN, 9));

        ReworkDelta delta = compare(before, after);

        assertThat(delta.added()).isEqualTo(2);
        assertThat(delta.removed()).isEqualTo(1);
        assertThat(delta.changed()).isZero();
        assertThat(delta.framesTouched()).containsExactly(4, 7, 9);
        assertThat(delta.labels()).extracting(ReworkDelta.LabelChange::label, ReworkDelta.LabelChange::added,
                        ReworkDelta.LabelChange::removed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("car", 1, 1),
                        org.assertj.core.groups.Tuple.tuple("pedestrian", 1, 0));
        assertThat(delta.labels().get(0).before()).isEqualTo(new ReworkDelta.Counts(2, 0, 0));
        assertThat(delta.labels().get(0).after()).isEqualTo(new ReworkDelta.Counts(2, 0, 0));
        assertThat(delta.framesAnnotatedBefore()).isEqualTo(3);
        assertThat(delta.framesAnnotatedAfter()).isEqualTo(4);
    }

    @Test
    void aMovedBoxIsChangedNotAddedAndRemoved() {
        ObjectNode moved = box(1, CAR, 3);
        moved.set("points", JSON.valueToTree(List.of(11.0, 10.0, 50.0, 40.0)));

        ReworkDelta delta = compare(List.of(box(1, CAR, 3)), List.of(moved));

        assertThat(delta.changed()).isEqualTo(1);
        assertThat(delta.added()).isZero();
        assertThat(delta.removed()).isZero();
        assertThat(delta.framesTouched()).containsExactly(3);
    }

    @Test
    void theOrderOfFieldsAndOfObjectsIsNoChange() throws Exception {
        JsonNode reordered = JSON.readTree("{\"points\":[10.0,10.0,50.0,40.0],\"label_id\":1,\"frame\":3,"
                + "\"type\":\"rectangle\",\"id\":1}");
        JsonNode original = JSON.readTree("{\"id\":1,\"type\":\"rectangle\",\"frame\":3,\"label_id\":1,"
                + "\"points\":[10.0,10.0,50.0,40.0]}");

        ReworkDelta delta = compare(List.of(original, box(2, CAR, 4)), List.of(box(2, CAR, 4), reordered));

        assertThat(delta.nothingChanged()).isTrue();
        assertThat(delta.framesTouched()).isEmpty();
    }

    @Test
    void issuesOpenAtTheRejectionAreFollowedUp() {
        JobSnapshot before = ReworkDeltaCalculator.snapshot(annotations(List.of()),
                List.of(issue(10, 0, false), issue(11, 4, false), issue(12, 5, true)), List.of());
        JobSnapshot after = ReworkDeltaCalculator.snapshot(annotations(List.of()),
                List.of(issue(10, 0, true), issue(12, 5, true)), List.of());

        ReworkDelta delta = ReworkDeltaCalculator.compare(before, after);

        assertThat(delta.issues()).containsExactly(new ReworkDelta.IssueFollowUp(10, 0, true, false),
                new ReworkDelta.IssueFollowUp(11, 4, true, true));
        assertThat(delta.issuesResolved()).isEqualTo(2);
    }

    @Test
    void tenThousandShapesCompareQuicklyAndTheListOfFramesIsCapped() {
        List<JsonNode> before = new ArrayList<>();
        List<JsonNode> after = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            before.add(box(i, CAR, i));
            after.add(box(i + 500, CAR, i + 500));
        }
        long start = System.nanoTime();

        ReworkDelta delta = compare(before, after);

        assertThat(System.nanoTime() - start).as("nanoseconds").isLessThan(5_000_000_000L);
        assertThat(delta.added()).isEqualTo(500);
        assertThat(delta.removed()).isEqualTo(500);
        assertThat(delta.framesTouchedTotal()).isEqualTo(1000);
        assertThat(delta.framesTouched()).hasSize(ReworkDeltaCalculator.MAX_FRAMES_LISTED);
    }

    @Test
    void aSnapshotSurvivesItsJsonRoundTrip() throws Exception {
        JobSnapshot snapshot = ReworkDeltaCalculator.snapshot(annotations(List.of(box(1, CAR, 3))),
                List.of(issue(10, 0, false)), List.of(new CvatModel.Label(CAR, "car")));
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

        String json = mapper.writeValueAsString(snapshot);

        assertThat(mapper.readValue(json, JobSnapshot.class)).isEqualTo(snapshot);
        assertThat(json).contains("[\"SHAPE\",1,1,3,3,");
    }

    private static ReworkDelta compare(List<JsonNode> before, List<JsonNode> after) {
        List<CvatModel.Label> labels = List.of(new CvatModel.Label(CAR, "car"), new CvatModel.Label(PEDESTRIAN, "pedestrian"));
        return ReworkDeltaCalculator.compare(ReworkDeltaCalculator.snapshot(annotations(before), List.of(), labels),
                ReworkDeltaCalculator.snapshot(annotations(after), List.of(), labels));
    }

    private static CvatModel.JobAnnotations annotations(List<JsonNode> shapes) {
        return new CvatModel.JobAnnotations(1, List.of(), shapes, List.of());
    }

    private static ObjectNode box(long id, long label, int frame) {
        ObjectNode box = JSON.createObjectNode();
        box.put("id", id);
        box.put("type", "rectangle");
        box.put("frame", frame);
        box.put("label_id", label);
        box.set("points", JSON.valueToTree(List.of(10.0, 10.0, 50.0, 40.0)));
        return box;
    }

    private static CvatModel.Issue issue(long id, int frame, boolean resolved) {
        return new CvatModel.Issue(id, frame, 1L, null, resolved, null, null, null);
    }
}
