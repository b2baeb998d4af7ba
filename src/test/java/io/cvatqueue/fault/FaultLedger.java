package io.cvatqueue.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The suite's figures: per scenario the faults injected, the operations the app had confirmed before or during
 * them, how many of those were lost, and whether the scenario's checks passed (its faults survived).
 */
final class FaultLedger {

    private static final class Entry {
        final String scenario;
        volatile int faults;
        volatile int confirmed;
        volatile int lost;
        volatile Boolean survived;
        volatile String failure;

        Entry(String scenario) {
            this.scenario = scenario;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());

    void injected(String scenario, int faults) {
        entry(scenario).faults += faults;
    }

    void confirmed(String scenario, int operations) {
        entry(scenario).confirmed += operations;
    }

    void lost(String scenario, int operations) {
        entry(scenario).lost += operations;
    }

    void survived(String scenario) {
        Entry entry = entry(scenario);
        if (entry.survived == null) {
            entry.survived = true;
        }
    }

    void failed(String scenario, Throwable failure) {
        Entry entry = entry(scenario);
        entry.survived = false;
        String message = String.valueOf(failure.getMessage()).strip();
        entry.failure = message.lines().findFirst().orElse(failure.getClass().getSimpleName());
    }

    /** Runs a scenario and notes whether it passed; its assertion error is rethrown. */
    void run(String scenario, ThrowingRunnable body) throws Exception {
        entry(scenario);
        try {
            body.run();
            survived(scenario);
        } catch (Exception | AssertionError e) {
            failed(scenario, e);
            throw e;
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    String table() {
        int width = Math.max(8, order.stream().mapToInt(String::length).max().orElse(8));
        String format = "| %-" + width + "s | %6s | %8s | %9s | %4s |%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(format, "scenario", "faults", "survived", "confirmed", "lost"));
        out.append(String.format(format, "-".repeat(width), "------", "--------", "---------", "----"));
        int faults = 0;
        int survived = 0;
        int confirmed = 0;
        int lost = 0;
        List<String> failures = new ArrayList<>();
        synchronized (order) {
            for (String name : order) {
                Entry e = entries.get(name);
                int survivedHere = Boolean.TRUE.equals(e.survived) ? e.faults : 0;
                out.append(String.format(format, name, e.faults, e.survived == null ? "not run" : survivedHere,
                        e.confirmed, e.lost));
                faults += e.faults;
                survived += survivedHere;
                confirmed += e.confirmed;
                lost += e.lost;
                if (e.failure != null) {
                    failures.add(name + ": " + e.failure);
                }
            }
        }
        out.append(String.format(format, "total", faults, survived, confirmed, lost));
        if (!failures.isEmpty()) {
            out.append("not survived:\n");
            failures.forEach(f -> out.append("  - ").append(f).append('\n'));
        }
        return out.toString();
    }

    private Entry entry(String scenario) {
        return entries.computeIfAbsent(scenario, name -> {
            order.add(name);
            return new Entry(name);
        });
    }
}
