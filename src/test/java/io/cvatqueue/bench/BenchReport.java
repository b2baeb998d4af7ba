package io.cvatqueue.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows of target/benchmark.md, from every benchmark class of the run (they share one JVM). */
public final class BenchReport {

    private static final List<String> rows = new ArrayList<>();

    private BenchReport() {
    }

    public static synchronized void row(String measure, String value) {
        rows.add("| " + measure + " | " + value + " |");
    }

    /**
     * Prints this JVM's rows and adds them to target/benchmark.md: for the benchmark's second part, which failsafe
     * runs against the packaged jar after the first part has written the file.
     */
    public static synchronized void append() throws IOException {
        String table = String.join("\n", rows);
        System.out.println("\n===== CVAT Queue Manager benchmark (packaged jar) =====\n" + table + "\n");
        Path out = Path.of("target", "benchmark.md");
        if (!Files.exists(out)) {
            Files.writeString(out, "| measure | value |\n|---|---|\n");
        }
        Files.writeString(out, table + "\n", java.nio.file.StandardOpenOption.APPEND);
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
