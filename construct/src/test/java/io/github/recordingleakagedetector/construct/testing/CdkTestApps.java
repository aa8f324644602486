package io.github.recordingleakagedetector.construct.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.App;

/**
 * Test {@link App}s that see the same feature flags as the CDK CLI: the {@code context} of the repository's
 * {@code cdk.json}. Without them a test would synthesize a different template than {@code cdk synth} does.
 */
public final class CdkTestApps {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Object> cdkJsonContext;

    private CdkTestApps() {
    }

    /** A new App with the cdk.json context (one App per template: an App cannot be changed after synth). */
    public static App newApp() {
        return newApp(Map.of());
    }

    /** A new App with the cdk.json context plus {@code extraContext} (as {@code cdk synth -c key=value} would add). */
    public static App newApp(Map<String, ?> extraContext) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
        context.putAll(extraContext);
        // No CDKMetadata resource: it encodes library versions and the construct tree, which snapshots must not.
        return App.Builder.create().context(context).analyticsReporting(false).build();
    }

    /** The {@code context} object of the repository's {@code cdk.json}. */
    public static synchronized Map<String, Object> cdkJsonContext() {
        if (cdkJsonContext == null) {
            Path cdkJson = repositoryRoot().resolve("cdk.json");
            try {
                Map<String, Object> file = JSON.readValue(cdkJson.toFile(), new TypeReference<>() { });
                @SuppressWarnings("unchecked")
                Map<String, Object> context = (Map<String, Object>) file.get("context");
                cdkJsonContext = Map.copyOf(context);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + cdkJson, e);
            }
        }
        return cdkJsonContext;
    }

    /** The folder with {@code cdk.json}: upwards from the module's base directory (surefire's {@code basedir}). */
    public static Path repositoryRoot() {
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("cdk.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No cdk.json in " + start + " or above");
    }
}
