package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The runtime jar travels inside the construct jar and is unpacked to a folder named by its content. */
class RuntimeJarAssetTest {

    @Test
    void runtimeJarIsOnTheClasspathAsAResource() throws Exception {
        // GIVEN the construct as built by Maven (the runtime module's shaded jar copied into its classes)
        try (InputStream resource = RuntimeJarAsset.class.getResourceAsStream(RuntimeJarAsset.RESOURCE)) {
            // THEN
            assertThat(resource).as("build with mvn verify/install so that the runtime jar is embedded").isNotNull();
            assertThat(resource.readNBytes(4)).as("zip magic").containsExactly(0x50, 0x4b, 0x03, 0x04);
        }
    }

    @Test
    void extractsToAFolderNamedBySha256OfTheJarAndReusesIt() throws Exception {
        // WHEN
        Path first = RuntimeJarAsset.jarFile();
        Path second = RuntimeJarAsset.jarFile();

        // THEN
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(first)));
        assertThat(first).isEqualTo(second).isAbsolute().isRegularFile();
        assertThat(first.getFileName().toString()).isEqualTo("recording-leakage-detector-runtime.jar");
        assertThat(first.getParent().getFileName().toString()).isEqualTo("recording-leakage-detector-runtime-" + sha256);
        assertThat(first.getParent().getParent()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath());
    }
}
