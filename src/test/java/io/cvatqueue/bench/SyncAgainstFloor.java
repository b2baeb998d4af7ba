package io.cvatqueue.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The app's first sync next to the engine floor, both measured in the same passes: each pass runs one floor round
 * per batch size and then as many app rounds. Interleaved, the floor and the app meet the same load on the machine
 * and the same database (the app's reviews stay open, so the engine's tables grow from pass to pass); measured one
 * after the other, a slow minute or a bigger database lands on one side only. The best round of each side counts,
 * and each side has the same number of rounds: the best of more rounds is lower by luck alone.
 */
final class SyncAgainstFloor {

    /** Seconds of every round: the floor's by batch size, the app's in pass order. */
    record Figures(Map<Integer, List<Double>> floorRounds, List<Double> appRounds) {

        /** The engine floor: its best round at any batch size. */
        double floor() {
            return floorRounds.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).min()
                    .orElseThrow();
        }

        /** The app: its best round. */
        double app() {
            return appRounds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        double ratio() {
            return app() / floor();
        }

        /** E.g. "N=100: 0.45 s, N=250: 0.47 s (the best of 3 rounds each)". */
        String floorsByBatch() {
            return floorRounds.entrySet().stream().map(e -> String.format(Locale.ROOT, "N=%d: %.2f s", e.getKey(),
                    e.getValue().stream().mapToDouble(Double::doubleValue).min().orElseThrow()))
                    .collect(Collectors.joining(", "));
        }

        /** E.g. "0.71 s, 0.68 s and 0.74 s". */
        String appRoundList() {
            List<String> each = appRounds.stream().map(s -> String.format(Locale.ROOT, "%.2f s", s)).toList();
            return each.size() == 1 ? each.get(0)
                    : String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
        }
    }

    private SyncAgainstFloor() {
    }

    /**
     * @param floorRound seconds of one floor round at the given batch size
     * @param appRound   seconds of the app's round of the given number (0, 1, ... up to passes times the number of
     *                   batch sizes): a first sync of jobs it has never seen
     */
    static Figures measure(int passes, int[] batches, IntToDoubleFunction floorRound, IntToDoubleFunction appRound) {
        Map<Integer, List<Double>> floors = new LinkedHashMap<>();
        List<Double> app = new ArrayList<>();
        for (int pass = 0; pass < passes; pass++) {
            for (int batch : batches) {
                floors.computeIfAbsent(batch, b -> new ArrayList<>()).add(floorRound.applyAsDouble(batch));
            }
            for (int i = 0; i < batches.length; i++) {
                app.add(appRound.applyAsDouble(app.size()));
            }
        }
        return new Figures(floors, app);
    }
}
