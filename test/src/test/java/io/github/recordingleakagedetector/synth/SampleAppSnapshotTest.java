package io.github.recordingleakagedetector.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * GIVEN the sample app with its placeholder context, WHEN it is synthesized, THEN its template equals the reviewed
 * snapshot {@code src/test/resources/snapshots/RecordingLeakageDetectorSample.template.json}.
 *
 * <p>Asset hashes (64 hex digits: they change with every runtime build) and the hash suffix of {@code CurrentVersion}
 * logical ids (it changes with the function's code) are normalised, so the snapshot changes only when the
 * infrastructure does. After an intended change, rewrite the snapshot and review its diff:
 * <pre>{@code mvn -B -pl test verify -Dsnapshot.update=true}</pre>
 * (or {@code mvn -B install -Dsnapshot.update=true} from the root; {@code -Dtest=SampleAppSnapshotTest} narrows it).
 */
class SampleAppSnapshotTest {

    static final String UPDATE_PROPERTY = "snapshot.update";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @Test
    void sampleAppTemplateMatchesTheSnapshot() throws IOException {
        // GIVEN
        RecordingLeakageDetectorSampleStack stack = SampleAppStacks.withPlaceholders();

        // WHEN
        String actual = normalise(JSON.writeValueAsString(JSON.valueToTree(Template.fromStack(stack).toJSON()))) + "\n";

        // THEN
        Path snapshot = snapshotFile(RecordingLeakageDetectorSampleStack.STACK_ID);
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
    }

    /** Replaces what changes with every build of the runtime jar, and nothing else. */
    static String normalise(String template) {
        return template
                .replaceAll("[0-9a-f]{64}", "<asset-hash>")
                .replaceAll("CurrentVersion([0-9A-F]{8})[0-9a-f]{32}", "CurrentVersion<version-hash>");
    }

    private static Path snapshotFile(String stackId) {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath()
                .resolve("src/test/resources/snapshots/" + stackId + ".template.json");
    }
}
