package io.cvatqueue.ops;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of the Docker image without a Docker engine: the command it starts the app with. A
 * mistyped JVM option would keep every container from starting.
 */
class DockerImageTest {

    @Test
    void theImageStartsTheJarWithTheClassArchiveItsBuildRecords() throws Exception {
        List<String> command = DockerEntrypoint.command();

        assertThat(command.get(0)).isEqualTo("java");
        assertThat(command).containsSubsequence("-jar", "/app/app.jar")
                .contains("-XX:SharedArchiveFile=/app/app.jsa");
        assertThat(Files.readString(Path.of("Dockerfile"))).contains("-XX:ArchiveClassesAtExit=/app/app.jsa");
        assertThat(DockerEntrypoint.jitOptions()).isNotEmpty();
    }

    @Test
    void everyJvmOptionOfTheImageIsOneThisJava17Accepts() throws Exception {
        List<String> options = DockerEntrypoint.command().stream()
                .filter(word -> word.startsWith("-X") && !word.startsWith("-XX:SharedArchiveFile")).toList();
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        java.addAll(options);
        java.add("-version");

        Process process = new ProcessBuilder(java).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(String.join(" ", java) + "\n" + output).isZero();
        assertThat(output).doesNotContain("Ignoring option").contains("version \"17");
    }
}
