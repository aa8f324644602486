package io.github.recordingleakagedetector.construct;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import software.amazon.awscdk.services.lambda.Code;

/**
 * The Lambda runtime's shaded jar, which the build embeds in this construct's jar as a classpath resource.
 *
 * <p>At synth the resource is copied once per JVM to {@code <java.io.tmpdir>/recording-leakage-detector-runtime-<sha256>/}
 * and handed to {@link Code#fromAsset(String)}. A content-named folder keeps the path (and so the asset) stable and
 * lets concurrent synths share it; reading from the classpath makes the construct behave the same in its own tests,
 * under the CDK CLI, and in a consumer's project that only has the published construct jar. A path relative to the
 * working directory would break in all three.
 */
final class RuntimeJarAsset {

    /** Classpath location the construct's pom copies the runtime jar to (maven-dependency-plugin, generate-resources). */
    static final String RESOURCE = "/io/github/recordingleakagedetector/construct/runtime/recording-leakage-detector-runtime.jar";
    private static final String FILE_NAME = "recording-leakage-detector-runtime.jar";

    private static Path extracted;

    private RuntimeJarAsset() {
    }

    /** A new {@link Code} for the runtime jar; use one per stack (an asset binds to the stack that first uses it). */
    static Code code() {
        return Code.fromAsset(jarFile().toString());
    }

    /** The extracted runtime jar, extracting it on first use. */
    static synchronized Path jarFile() {
        if (extracted == null) {
            extracted = extract();
        }
        return extracted;
    }

    private static Path extract() {
        Path tmpDir = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        try (InputStream in = RuntimeJarAsset.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The Lambda runtime jar is missing from the construct's classpath ("
                        + RESOURCE + "). Build the construct with `mvn verify` or `mvn install`, which copy the runtime "
                        + "module's shaded jar into it; `mvn test` from the root does not package the runtime.");
            }
            Path partial = Files.createTempFile(tmpDir, "recording-leakage-detector-runtime-", ".partial");
            String sha256;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), sha256Digest())) {
                in.transferTo(out);
                sha256 = HexFormat.of().formatHex(((DigestOutputStream) out).getMessageDigest().digest());
            }
            makeReadableByAll(partial);
            Path folder = Files.createDirectories(tmpDir.resolve("recording-leakage-detector-runtime-" + sha256));
            Path jar = folder.resolve(FILE_NAME);
            moveIntoPlace(partial, jar);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not extract the Lambda runtime jar to " + tmpDir, e);
        }
    }

    /** Content-named, so a jar already there (another JVM, an earlier synth) has the same bytes and is kept. */
    private static void moveIntoPlace(Path partial, Path jar) throws IOException {
        if (Files.exists(jar)) {
            Files.delete(partial);
            return;
        }
        try {
            Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.move(partial, jar, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Temp files start owner-only; the shared, content-named copy must be readable by every user's synth. */
    private static void makeReadableByAll(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
