package io.github.recordingleakagedetector.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import software.amazon.awscdk.assertions.Template;

/**
 * Reviewed template snapshots under {@code src/test/resources/snapshots/}. Asset hashes (64 hex digits: they change
 * with every runtime build) and the hash suffix of {@code CurrentVersion} logical ids (it changes with the function's
 * code) are normalised, so a snapshot changes only when the infrastructure does. After an intended change, rewrite
 * the snapshots and review their diff: {@code mvn -B -pl test verify -Dsnapshot.update=true}.
 */
final class Snapshots {

    static final String UPDATE_PROPERTY = "snapshot.update";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private Snapshots() {
    }

    /** The template equals the snapshot {@code <name>.template.json} (written, and failing, when it is missing). */
    static void assertMatches(String name, Template template) {
        try {
            String actual = normalise(JSON.writeValueAsString(JSON.valueToTree(template.toJSON()))) + "\n";
            Path snapshot = Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                    .resolve("src/test/resources/snapshots/" + name + ".template.json");
            if (Boolean.getBoolean(UPDATE_PROPERTY) || !Files.exists(snapshot)) {
                boolean created = !Files.exists(snapshot);
                Files.createDirectories(snapshot.getParent());
                Files.writeString(snapshot, actual);
                assertThat(created).as("Snapshot " + snapshot + " did not exist and was written: review and commit it")
                        .isFalse();
            }
            assertThat(actual)
                    .as("Template differs from %s; if the change is intended, run with -D%s=true and review the diff",
                            snapshot, UPDATE_PROPERTY)
                    .isEqualTo(Files.readString(snapshot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces what changes with every build of the runtime jar, and nothing else. */
    static String normalise(String template) {
        return template
                .replaceAll("[0-9a-f]{64}", "<asset-hash>")
                .replaceAll("CurrentVersion([0-9A-F]{8})[0-9a-f]{32}", "CurrentVersion<version-hash>");
    }
}
