package io.cvatqueue.review;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * processes/*.bpmn open cleanly in Camunda Modeler: bpmnlint with the rules the Modeler applies for
 * Camunda 7.24 reports neither errors nor warnings. bpmnlint comes from npm into target/bpmnlint on first use;
 * the test is skipped only when npm cannot install it.
 */
class BpmnModelerLintTest {

    private static final Path HOME = Path.of("target", "bpmnlint");

    @Test
    void processesPassCamundaModelerLint() throws Exception {
        Path bpmnlint = install();
        Files.writeString(HOME.resolve(".bpmnlintrc"),
                "{\"extends\": [\"bpmnlint:recommended\", \"plugin:camunda-compat/camunda-platform-7-24\"]}");
        Process lint = new ProcessBuilder(bpmnlint.toAbsolutePath().toString(),
                Path.of("processes", "job-review.bpmn").toAbsolutePath().toString(),
                Path.of("processes", "cvat-sync.bpmn").toAbsolutePath().toString())
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(output).as("bpmnlint output").doesNotContain("warning").doesNotContain("error");
        assertThat(lint.exitValue()).as("bpmnlint exit code; output:\n" + output).isZero();
    }

    private static Path install() throws IOException, InterruptedException {
        Path bin = HOME.resolve("node_modules").resolve(".bin").resolve("bpmnlint");
        if (Files.isExecutable(bin)) {
            return bin;
        }
        Files.createDirectories(HOME);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix",
                    HOME.toAbsolutePath().toString(), "bpmnlint@11.14.1", "bpmnlint-plugin-camunda-compat@2.61.0")
                    .redirectErrorStream(true).redirectOutput(HOME.resolve("npm-install.log").toFile()).start();
        } catch (IOException e) {
            assumeTrue(false, "npm is not installed: " + e.getMessage());
            throw e;
        }
        boolean done = npm.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            npm.destroyForcibly();
        }
        assumeTrue(done && npm.exitValue() == 0 && Files.isExecutable(bin),
                "could not install bpmnlint from npm, see target/bpmnlint/npm-install.log");
        return bin;
    }
}
