package io.cvatqueue.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command the Docker image runs: the Dockerfile's {@code ENTRYPOINT} (exec form, continued lines joined). */
public final class DockerEntrypoint {

    private DockerEntrypoint() {
    }

    public static List<String> command() {
        String dockerfile;
        try {
            dockerfile = Files.readString(Path.of("Dockerfile")).replace("\\\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String entrypoint = dockerfile.lines().filter(line -> line.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow(() -> new AssertionError("The Dockerfile has no ENTRYPOINT"))
                .substring("ENTRYPOINT ".length());
        List<String> command = new ArrayList<>();
        try {
            for (JsonNode word : new ObjectMapper().readTree(entrypoint)) {
                command.add(word.asText());
            }
        } catch (IOException e) {
            throw new AssertionError("The ENTRYPOINT is not in exec form (a JSON array): " + entrypoint, e);
        }
        return command;
    }

    /** The options that tune the JIT compiler ({@code -XX:Tier...}). */
    public static List<String> jitOptions() {
        return command().stream().filter(word -> word.startsWith("-XX:Tier")).toList();
    }
}
