package io.cvatqueue.ops;

import io.cvatqueue.PackagedJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar is flat (every library's classes and resources in one jar, see pom.xml). Files that several
 * libraries hold under one name and that are read from every jar (service registrations, Spring's lists of
 * auto-configurations, Jersey's injection descriptors, notices) must hold what each library brought: a file left
 * with one library's lines would silently switch off the others' parts.
 */
class FlatJarIT {

    private static final List<String> MERGED = List.of(
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports",
            "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.replacements",
            "META-INF/spring/org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration.imports",
            "META-INF/spring.factories",
            "META-INF/spring-autoconfigure-metadata.properties",
            "META-INF/spring.handlers",
            "META-INF/spring.schemas",
            "META-INF/hk2-locator/default",
            "META-INF/NOTICE",
            "META-INF/NOTICE.txt",
            "META-INF/NOTICE.md");

    private static JarFile flat;
    /** The libraries the jar packs: Maven's runtime class path (written by the build). */
    private static List<Path> libraries;

    @BeforeAll
    static void openThePackagedJar() throws IOException {
        flat = new JarFile(PackagedJar.file());
        libraries = Arrays.stream(Files.readString(Path.of("target", "runtime-classpath.txt")).strip()
                .split(File.pathSeparator)).map(Path::of).toList();
        assertThat(libraries).hasSizeGreaterThan(100);
    }

    @Test
    void startsTheAppWithTheJvmsOwnClassLoader() throws IOException {
        assertThat(flat.getManifest().getMainAttributes().getValue("Main-Class"))
                .isEqualTo("io.cvatqueue.CvatQueueApplication");
        assertThat(flat.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
        assertThat(flat.getEntry("BOOT-INF/lib/")).as("no nested jars").isNull();
        // every library's classes share the manifest: a version in its main section would be each library's
        assertThat(flat.getManifest().getMainAttributes().getValue("Implementation-Version")).isNull();
        assertThat(flat.getManifest().getAttributes("io/cvatqueue/").getValue("Implementation-Version"))
                .isNotBlank();
        assertThat(flat.getEntry("io/cvatqueue/CvatQueueApplication.class")).isNotNull();
        assertThat(flat.getEntry("org/camunda/bpm/engine/ProcessEngine.class")).isNotNull();
        assertThat(flat.getEntry("META-INF/VAADIN/webapp/index.html")).as("Vaadin's production bundle").isNotNull();
    }

    @Test
    void everyLibraryKeepsItsServiceRegistrations() throws IOException {
        List<String> checked = assertEveryLibrarysLinesAreKept(name -> name.startsWith("META-INF/services/"));
        assertThat(checked).contains("META-INF/services/javax.script.ScriptEngineFactory",
                "META-INF/services/java.sql.Driver");
    }

    @Test
    void everyLibraryKeepsItsSpringJerseyAndNoticeFiles() throws IOException {
        List<String> checked = assertEveryLibrarysLinesAreKept(MERGED::contains);
        assertThat(checked).containsAll(MERGED);
        assertThat(read(flat, flat.getJarEntry(MERGED.get(0))))
                .contains("org.camunda.bpm.spring.boot.starter.CamundaBpmAutoConfiguration",
                        "com.vaadin.flow.spring.SpringBootAutoConfiguration",
                        "org.springframework.cloud.openfeign.FeignAutoConfiguration",
                        "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration");
    }

    /** @return the names checked, once for each library that holds them */
    private static List<String> assertEveryLibrarysLinesAreKept(java.util.function.Predicate<String> names)
            throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path path : libraries) {
            if (!path.toString().endsWith(".jar")) {
                continue; // target/classes: the app's own files, packaged as they are
            }
            try (JarFile library = new JarFile(path.toFile())) {
                for (JarEntry entry : library.stream().filter(e -> !e.isDirectory() && names.test(e.getName()))
                        .toList()) {
                    checked.add(entry.getName());
                    assertKept(entry.getName() + " of " + path.getFileName(), read(library, entry),
                            flat.getJarEntry(entry.getName()));
                }
            }
        }
        return checked;
    }

    private static void assertKept(String what, String own, JarEntry mergedEntry) throws IOException {
        assertThat(mergedEntry).as(what).isNotNull();
        String merged = read(flat, mergedEntry);
        if (what.contains(".factories ") || what.contains(".properties ")) {
            // merged properties join the values that several libraries give one key with commas
            Properties all = properties(merged);
            Properties ownProperties = properties(own);
            for (String key : ownProperties.stringPropertyNames()) {
                List<String> values = Arrays.stream(all.getProperty(key, "").split(",")).map(String::strip).toList();
                for (String value : ownProperties.getProperty(key).split(",")) {
                    assertThat(values).as(what + ": " + key).contains(value.strip());
                }
            }
            return;
        }
        for (String line : own.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertThat(merged).as(what + " keeps its line").contains(line.strip());
            }
        }
    }

    private static Properties properties(String text) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static String read(JarFile jar, JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
