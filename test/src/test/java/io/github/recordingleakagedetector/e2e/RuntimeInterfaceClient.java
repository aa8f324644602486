package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.objectweb.asm.ClassReader;

/**
 * What the function JVMs are started with, prepared once per build: the AWS Lambda Java runtime interface client
 * (the jars module {@code test} copies to {@code target/lambda-runtime-interface-client}), its native library
 * extracted to one read-only file, the {@link SimulatedTimeAgent} jar, and each Lambda jar unzipped as a task root.
 */
final class RuntimeInterfaceClient {
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /**
     * Where the runtime client loads its native library from. Without it every JVM copies the library to the same
     * file in /tmp, and JVMs starting together crash each other (SIGBUS) while one rewrites what another maps.
     */
    static final String NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    /** The JVM flags Lambda's Java 17 and 21 runtimes start with (tiered compilation stops at C1; serial GC). */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");

    private static final Path TARGET = RepoRoot.find().resolve("test/target");
    private static final Path CLIENT_DIR = TARGET.resolve("lambda-runtime-interface-client");
    private static Path agentJar;

    private RuntimeInterfaceClient() {
    }

    /** The runtime client's jar; its manifest's Class-Path names the jars beside it. */
    static Path clientJar() {
        try (var jars = Files.list(CLIENT_DIR)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runtime interface client in " + CLIENT_DIR
                            + ": run `mvn -pl test generate-test-resources` (part of every test build)"));
        } catch (IOException e) {
            throw new UncheckedIOException("No runtime interface client in " + CLIENT_DIR
                    + ": run `mvn -pl test generate-test-resources` (part of every test build)", e);
        }
    }

    /** The native library for this machine's architecture, extracted once. */
    static synchronized Path nativeLibrary() {
        String arch = System.getProperty("os.arch").contains("aarch64") ? "aarch_64" : "x86_64";
        Path library = CLIENT_DIR.resolve("libaws-lambda-jni.linux-" + arch + ".so");
        if (!Files.exists(library)) {
            try (ZipFile jar = new ZipFile(clientJar().toFile())) {
                ZipEntry entry = jar.getEntry("jni/libaws-lambda-jni.linux-" + arch + ".so");
                copyAtomically(jar.getInputStream(entry), library);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot extract the runtime client's native library", e);
            }
        }
        return library;
    }

    /** The Lambda jar unzipped, as Lambda unpacks a function's code into its task root ({@code /var/task}). */
    static synchronized Path taskRoot(Path lambdaJar) {
        Path root = TARGET.resolve("lambda-task-roots").resolve(sha256(lambdaJar).substring(0, 16));
        if (Files.isDirectory(root)) {
            return root;
        }
        try {
            Path partial = Files.createDirectories(root.resolveSibling(root.getFileName() + ".partial"));
            try (ZipFile jar = new ZipFile(lambdaJar.toFile())) {
                Enumeration<? extends ZipEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    Path target = partial.resolve(entry.getName()).normalize();
                    if (!target.startsWith(partial)) {
                        throw new IOException("Entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            Files.move(partial, root, StandardCopyOption.ATOMIC_MOVE);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unzip " + lambdaJar + " as a task root", e);
        }
    }

    /**
     * The {@link SimulatedTimeAgent} as a jar of its own: the agent's classes (nested and anonymous ones too), the
     * shared clock and ASM, nothing else of the test classpath. Built once per JVM, from the classes it runs.
     */
    static synchronized Path simulatedTimeAgent() {
        if (agentJar != null) {
            return agentJar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", SimulatedTimeAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        try {
            Path agent = Files.createTempFile(Files.createDirectories(TARGET), "simulated-time-agent-", ".jar");
            agent.toFile().deleteOnExit();
            Path classes = Path.of(SimulatedTimeAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String packagePath = SimulatedTimeAgent.class.getPackageName().replace('.', '/');
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(agent), manifest);
                    var files = Files.list(classes.resolve(packagePath))) {
                for (Path file : files.filter(RuntimeInterfaceClient::isAgentClass).toList()) {
                    out.putNextEntry(new JarEntry(packagePath + "/" + file.getFileName()));
                    Files.copy(file, out);
                }
                try (JarFile asm = new JarFile(Path.of(ClassReader.class.getProtectionDomain().getCodeSource()
                        .getLocation().toURI()).toFile())) {
                    for (JarEntry entry : asm.stream().filter(e -> e.getName().startsWith("org/objectweb/asm/")
                            && e.getName().endsWith(".class")).toList()) {
                        out.putNextEntry(new JarEntry(entry.getName()));
                        try (InputStream in = asm.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                    }
                }
            }
            agentJar = agent;
            return agent;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot build the simulated-time agent jar", e);
        }
    }

    private static boolean isAgentClass(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".class") && (name.startsWith(SimulatedTimeAgent.class.getSimpleName())
                || name.startsWith(SharedClock.class.getSimpleName()));
    }

    private static void copyAtomically(InputStream in, Path target) throws IOException {
        Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
        try (in; OutputStream out = Files.newOutputStream(partial)) {
            in.transferTo(out);
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
