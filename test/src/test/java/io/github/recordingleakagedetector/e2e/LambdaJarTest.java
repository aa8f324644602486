package io.github.recordingleakagedetector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The Lambda jar the template deploys, as a file: shrunk by ProGuard (runtime/proguard), it must still hold every
 * class the unshrunk shaded jar could link, and where Lambda's runtime client puts a class of the same name on the
 * class path ahead of it, the runtime's copy must offer everything the jar's copy offers.
 */
class LambdaJarTest {
    /** The size this project holds the Lambda jar to (issue 8): upload, SnapStart snapshot and cold start grow with it. */
    private static final long MAX_BYTES = 10_000_000;
    private static final Path UNSHRUNK = RepoRoot.find().resolve("runtime/target/shrink/shaded.jar");
    private static Path lambdaJar;

    @BeforeAll
    static void synthesize() {
        lambdaJar = SynthesizedDetector.synthesize(Map.of(
                "instanceArn", "arn:aws:connect:" + SynthesizedDetector.REGION + ":" + SynthesizedDetector.ACCOUNT
                        + ":instance/" + FlowLogDeliveries.INSTANCE_ID,
                "flowLogGroupName", "/aws/connect/jar", "recordingBucketName", "jar-recordings"), "jar-contacts")
                .functions().values().iterator().next().code();
    }

    private static List<String> classesIn(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(entry -> entry.getName())
                    .filter(name -> name.endsWith(".class") && !name.contains("module-info")
                            && !name.startsWith("META-INF/"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .sorted().toList();
        }
    }

    /** The classes of {@code jar} that load, link (verify) and initialise in a loader that sees only the jar. */
    private static Set<String> linkable(Path jar, List<String> classes) throws IOException {
        Set<String> linked = new TreeSet<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String name : classes) {
                try {
                    Class<?> type = Class.forName(name, true, loader);
                    type.getDeclaredMethods();
                    type.getDeclaredFields();
                    type.getDeclaredConstructors();
                    linked.add(name);
                } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
                    // Optional dependencies (the AWS CRT) are absent from both jars: compared below, not judged here.
                }
            }
        }
        return linked;
    }

    @Test
    void theDeployedJarIsAtMostTenMegabytes() throws IOException {
        assertThat(Files.size(lambdaJar)).as("bytes of %s", lambdaJar.getFileName()).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(Files.size(UNSHRUNK)).as("the unshrunk jar, for scale").isGreaterThan(2 * Files.size(lambdaJar));
    }

    @Test
    void everyClassOfTheDeployedJarLinksWhereverItLinkedBeforeShrinking() throws IOException {
        // GIVEN the shrunk jar's classes, and which of them link in the unshrunk jar
        List<String> shrunk = classesIn(lambdaJar);
        Set<String> linkedBefore = linkable(UNSHRUNK, shrunk);

        // WHEN each is loaded, linked and initialised with only the shrunk jar on the class path
        Set<String> linkedAfter = linkable(lambdaJar, shrunk);

        // THEN nothing the handlers could reach lost a class, field or method it refers to
        assertThat(linkedBefore).hasSizeGreaterThan(shrunk.size() * 9 / 10);
        assertThat(linkedBefore).as("classes that link before shrinking but not after").isSubsetOf(linkedAfter);
    }

    @Test
    void everyClassTheRuntimeClientShadowsOffersWhatTheJarsCopyOffers() throws IOException {
        // GIVEN the classes on the runtime client's class path, which Lambda's class loader prefers (parent first)
        Path clientDir = RuntimeInterfaceClient.clientJar().getParent();
        List<Path> clientJars;
        try (var jars = Files.list(clientDir)) {
            clientJars = jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().toList();
        }

        // WHEN the Lambda jar carries a class of the same name (aws-lambda-java-core; the SDK's utils-lite, through
        // which the runtime hands the SDK the X-Ray trace id)
        List<String> shadowed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try (JarFile function = new JarFile(lambdaJar.toFile())) {
            for (Path clientJarPath : clientJars) {
                try (JarFile client = new JarFile(clientJarPath.toFile())) {
                    for (var entry : client.stream().filter(e -> e.getName().endsWith(".class")
                            && !e.getName().contains("module-info")).toList()) {
                        var same = function.getJarEntry(entry.getName());
                        if (same == null) {
                            continue;
                        }
                        shadowed.add(entry.getName());
                        Set<String> offered = members(bytes(client, entry));
                        members(bytes(function, same)).stream().filter(member -> !offered.contains(member))
                                .forEach(member -> missing.add(clientJarPath.getFileName() + "!" + entry.getName()
                                        + " lacks " + member));
                    }
                }
            }
        }

        // THEN the copy that wins has every member the jar's copy has: the handlers and the SDK lose nothing to it
        assertThat(shadowed).as("classes both carry").isNotEmpty();
        assertThat(missing).as("members the runtime client's copies lack").isEmpty();
    }

    /** The non-private fields and methods a class file declares, as {@code name descriptor}. */
    private static Set<String> members(byte[] classFile) {
        Set<String> members = new TreeSet<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if ((access & Opcodes.ACC_PRIVATE) == 0) {
                    members.add(name + " " + descriptor);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if ((access & Opcodes.ACC_PRIVATE) == 0) {
                    members.add(name + descriptor);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE);
        return members;
    }

    private static byte[] bytes(JarFile jar, java.util.jar.JarEntry entry) throws IOException {
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }
}
