package io.cvatqueue.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows of target/benchmark.md, from every benchmark class of the run (they share one JVM). */
final class BenchReport {

    private static final List<String> rows = new ArrayList<>();

    private BenchReport() {
    }

    static synchronized void row(String measure, String value) {
        rows.add("| " + measure + " | " + value + " |");
    }

    /** Prints the rows so far and (re)writes target/benchmark.md with them. */
    static synchronized void write() throws IOException {
        String table = String.join("\n", rows);
        System.out.println("\n===== CVAT Queue Manager benchmark =====\n" + table + "\n");
        Path out = Path.of("target", "benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "| measure | value |\n|---|---|\n" + table + "\n");
    }
}
