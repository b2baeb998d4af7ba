package io.cvatqueue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The jar that {@code ./mvnw package} built, for the tests that run or read it as operators get it. */
public final class PackagedJar {

    private PackagedJar() {
    }

    public static File file() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("cvat-queue-manager-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("run ./mvnw package first")).toFile();
        }
    }
}
