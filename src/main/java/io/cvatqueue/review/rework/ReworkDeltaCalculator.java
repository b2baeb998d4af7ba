package io.cvatqueue.review.rework;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cvatqueue.cvat.CvatModel;
import io.cvatqueue.review.rework.JobSnapshot.AnnotationObject;
import io.cvatqueue.review.rework.JobSnapshot.IssueState;
import io.cvatqueue.review.rework.JobSnapshot.Kind;
import io.cvatqueue.review.rework.ReworkDelta.Counts;
import io.cvatqueue.review.rework.ReworkDelta.IssueFollowUp;
import io.cvatqueue.review.rework.ReworkDelta.LabelChange;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns CVAT's annotations into a {@link JobSnapshot} and compares two snapshots. Pure functions: no CVAT, no
 * database, linear in the number of objects (10,000 shapes compare in milliseconds).
 */
public final class ReworkDeltaCalculator {

    /** More frames than this are counted, not listed: a reviewer opens a few, not thousands. */
    public static final int MAX_FRAMES_LISTED = 200;

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private ReworkDeltaCalculator() {
    }

    public static JobSnapshot snapshot(CvatModel.JobAnnotations annotations, List<CvatModel.Issue> issues,
                                       List<CvatModel.Label> labels) {
        List<AnnotationObject> objects = new ArrayList<>();
        add(objects, Kind.SHAPE, annotations.shapes());
        add(objects, Kind.TRACK, annotations.tracks());
        add(objects, Kind.TAG, annotations.tags());
        List<IssueState> issueStates = issues == null ? List.of() : issues.stream()
                .filter(i -> i.id() != null)
                .map(i -> new IssueState(i.id(), i.frame() == null ? 0 : i.frame(), i.isResolved()))
                .toList();
        Map<Long, String> names = new TreeMap<>();
        if (labels != null) {
            labels.stream().filter(l -> l.id() != null && l.name() != null).forEach(l -> names.put(l.id(), l.name()));
        }
        return new JobSnapshot(annotations.version(), objects, issueStates, names);
    }

    /**
     * What changed from {@code before} (the rejected version) to {@code after} (the version completed again).
     * Objects are matched by CVAT's id; an object with the same id and a different fingerprint is changed.
     */
    public static ReworkDelta compare(JobSnapshot before, JobSnapshot after) {
        Map<String, AnnotationObject> old = byIdentity(before.objects());
        Map<String, AnnotationObject> now = byIdentity(after.objects());
        Map<Long, int[]> perLabel = new TreeMap<>(); // added, removed, changed
        Set<Integer> touched = new TreeSet<>();
        int added = 0;
        int removed = 0;
        int changed = 0;
        for (AnnotationObject object : now.values()) {
            AnnotationObject previous = old.get(object.identity());
            if (previous == null) {
                added++;
                perLabel.computeIfAbsent(object.labelId(), l -> new int[3])[0]++;
                touch(touched, object);
            } else if (!previous.fingerprint().equals(object.fingerprint())) {
                changed++;
                perLabel.computeIfAbsent(object.labelId(), l -> new int[3])[2]++;
                touch(touched, previous);
                touch(touched, object);
            }
        }
        for (AnnotationObject object : old.values()) {
            if (!now.containsKey(object.identity())) {
                removed++;
                perLabel.computeIfAbsent(object.labelId(), l -> new int[3])[1]++;
                touch(touched, object);
            }
        }
        Map<Long, Counts> countsBefore = counts(before.objects());
        Map<Long, Counts> countsAfter = counts(after.objects());
        Set<Long> labelIds = new TreeSet<>(perLabel.keySet());
        labelIds.addAll(countsBefore.keySet());
        labelIds.addAll(countsAfter.keySet());
        Map<Long, String> names = new HashMap<>(before.labels() == null ? Map.of() : before.labels());
        if (after.labels() != null) {
            names.putAll(after.labels());
        }
        List<LabelChange> labels = labelIds.stream().map(id -> {
            int[] c = perLabel.getOrDefault(id, new int[3]);
            return new LabelChange(id, names.getOrDefault(id, "label " + id), c[0], c[1], c[2],
                    countsBefore.getOrDefault(id, new Counts(0, 0, 0)), countsAfter.getOrDefault(id, new Counts(0, 0, 0)));
        }).toList();
        return new ReworkDelta(added, removed, changed, labels,
                touched.stream().limit(MAX_FRAMES_LISTED).toList(), touched.size(),
                annotatedFrames(before.objects()), annotatedFrames(after.objects()), followUps(before, after));
    }

    /** The issues open at the rejection, each as CVAT has it now. */
    private static List<IssueFollowUp> followUps(JobSnapshot before, JobSnapshot after) {
        Map<Long, IssueState> now = after.issues().stream()
                .collect(Collectors.toMap(IssueState::id, Function.identity(), (a, b) -> a));
        return before.issues().stream().filter(i -> !i.resolved()).map(raised -> {
            IssueState current = now.get(raised.id());
            return current == null ? new IssueFollowUp(raised.id(), raised.frame(), true, true)
                    : new IssueFollowUp(raised.id(), raised.frame(), current.resolved(), false);
        }).toList();
    }

    private static void add(List<AnnotationObject> objects, Kind kind, List<JsonNode> items) {
        if (items == null) {
            return;
        }
        for (JsonNode item : items) {
            int first = item.path("frame").asInt();
            int last = first;
            if (kind == Kind.TRACK) {
                for (JsonNode keyframe : item.path("shapes")) {
                    first = Math.min(first, keyframe.path("frame").asInt(first));
                    last = Math.max(last, keyframe.path("frame").asInt(last));
                }
            }
            Long id = item.path("id").isIntegralNumber() ? item.get("id").asLong() : null;
            objects.add(new AnnotationObject(kind, id, item.path("label_id").asLong(), first, last, fingerprint(item)));
        }
    }

    /** A hash of everything CVAT keeps about the object except its id, independent of the order of JSON fields. */
    static String fingerprint(JsonNode item) {
        JsonNode content = item.deepCopy();
        if (content instanceof ObjectNode object) {
            object.remove("id");
        }
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(CANONICAL.treeToValue(content, Object.class));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint an annotation object: " + e.getMessage(), e);
        }
    }

    private static Map<String, AnnotationObject> byIdentity(List<AnnotationObject> objects) {
        Map<String, AnnotationObject> map = new LinkedHashMap<>();
        objects.forEach(o -> map.putIfAbsent(o.identity(), o));
        return map;
    }

    private static void touch(Set<Integer> frames, AnnotationObject object) {
        frames.add(object.firstFrame());
    }

    private static Map<Long, Counts> counts(List<AnnotationObject> objects) {
        Map<Long, int[]> counts = new TreeMap<>();
        for (AnnotationObject object : objects) {
            counts.computeIfAbsent(object.labelId(), l -> new int[3])[object.kind().ordinal()]++;
        }
        Map<Long, Counts> result = new TreeMap<>();
        counts.forEach((label, c) -> result.put(label, new Counts(c[0], c[1], c[2])));
        return result;
    }

    private static int annotatedFrames(List<AnnotationObject> objects) {
        Set<Integer> frames = new java.util.HashSet<>();
        for (AnnotationObject object : objects) {
            for (int f = object.firstFrame(); f <= object.lastFrame(); f++) {
                frames.add(f);
            }
        }
        return frames.size();
    }
}
