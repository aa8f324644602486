package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./benchmark --cold-start [starts]}: each function's init time as Lambda measures it, from the JVM's start to
 * the runtime's first poll for an event (handler class loaded, its constructor run: the configuration read, the SDK
 * clients built), for the Lambda jar the template deploys and, side by side in the same run, for the jar before
 * ProGuard shrank it ({@code runtime/target/shrink/shaded.jar}). Starts alternate between the two jars, one JVM at
 * a time, under the runtime interface client with Lambda's JVM flags; the first start of each is discarded (it
 * fills the file cache, which a Lambda host has warm) and the median of {@code starts} is reported. No invocation
 * is made, so no server is needed.
 */
final class ColdStartBenchmark {
    private static final Path UNSHRUNK = RepoRoot.find().resolve("runtime/target/shrink/shaded.jar");

    private ColdStartBenchmark() {
    }

    static void run(int starts) {
        SynthesizedDetector detector = SynthesizedDetector.synthesize(Map.of(
                "instanceArn", "arn:aws:connect:" + SynthesizedDetector.REGION + ":" + SynthesizedDetector.ACCOUNT
                        + ":instance/" + FlowLogDeliveries.INSTANCE_ID,
                "flowLogGroupName", "/aws/connect/cold-start",
                "recordingBucketName", "cold-start-recordings"), "cold-start-contacts");
        Path deployed = detector.functions().values().iterator().next().code();
        System.out.printf("Lambda jar: deployed %.1f MB, before shrinking %.1f MB; %d starts per function and jar%n",
                size(deployed) / 1e6, size(UNSHRUNK) / 1e6, starts);
        System.out.println("| function | init before shrinking, median (min–max) ms | init deployed jar, median "
                + "(min–max) ms |");
        System.out.println("|---|---:|---:|");
        for (SynthesizedDetector.DeployedFunction function : detector.functions().values()) {
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.putAll(Map.of("AWS_REGION", SynthesizedDetector.REGION, "AWS_ACCESS_KEY_ID", "cold",
                    "AWS_SECRET_ACCESS_KEY", "start"));
            List<Long> before = new ArrayList<>();
            List<Long> after = new ArrayList<>();
            for (int i = 0; i <= starts; i++) {
                long unshrunk = initMillis(function, UNSHRUNK, environment);
                long shrunk = initMillis(function, deployed, environment);
                if (i > 0) {
                    before.add(unshrunk);
                    after.add(shrunk);
                }
            }
            String name = function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1);
            System.out.printf("| %s | %s | %s |%n", name, summary(before), summary(after));
        }
    }

    private static long initMillis(SynthesizedDetector.DeployedFunction function, Path jar,
            Map<String, String> environment) {
        try (LambdaEnvironment lambda = new LambdaEnvironment(function.logicalId(), function.arn(), function.handler(),
                RuntimeInterfaceClient.taskRoot(jar), environment, Duration.ofSeconds(function.timeoutSeconds()),
                function.memorySize(), null, line -> { })) {
            return lambda.awaitInit().toMillis();
        }
    }

    private static String summary(List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        return String.format("%d (%d–%d)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static long size(Path jar) {
        try {
            return Files.size(jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
