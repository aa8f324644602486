package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./benchmark --cold-start [starts]}: the Lambda jar's size and each function's init time as Lambda measures
 * it, from the JVM's start to the runtime's first poll for an event (handler class loaded, its constructor run: the
 * configuration read, the SDK clients built). Each function is started {@code starts} times (default 7), one JVM at
 * a time, under the runtime interface client with Lambda's JVM flags; the median is reported. No invocation is made,
 * so no server is needed.
 */
final class ColdStartBenchmark {
    private ColdStartBenchmark() {
    }

    static void run(int starts) {
        SynthesizedDetector detector = SynthesizedDetector.synthesize(Map.of(
                "instanceArn", "arn:aws:connect:" + SynthesizedDetector.REGION + ":" + SynthesizedDetector.ACCOUNT
                        + ":instance/" + FlowLogDeliveries.INSTANCE_ID,
                "flowLogGroupName", "/aws/connect/cold-start",
                "recordingBucketName", "cold-start-recordings"), "cold-start-contacts");
        SynthesizedDetector.DeployedFunction first = detector.functions().values().iterator().next();
        System.out.printf("Lambda jar: %s, %.1f MB; %d starts per function, the first of each discarded%n",
                first.code().getFileName(), size(first) / 1e6, starts);
        System.out.println("| function | init, median of " + starts + " (ms) | min (ms) | max (ms) |");
        System.out.println("|---|---:|---:|---:|");
        for (SynthesizedDetector.DeployedFunction function : detector.functions().values()) {
            Map<String, String> environment = new java.util.HashMap<>(function.environment());
            environment.putAll(Map.of("AWS_REGION", SynthesizedDetector.REGION, "AWS_ACCESS_KEY_ID", "cold",
                    "AWS_SECRET_ACCESS_KEY", "start"));
            List<Long> millis = new ArrayList<>();
            // One extra start first: it warms the file cache, which a Lambda host's image would have warm too.
            for (int i = 0; i <= starts; i++) {
                try (LambdaEnvironment lambda = new LambdaEnvironment(function.logicalId(), function.arn(),
                        function.handler(), RuntimeInterfaceClient.taskRoot(function.code()), environment,
                        Duration.ofSeconds(function.timeoutSeconds()), function.memorySize(), null, line -> { })) {
                    long init = lambda.awaitInit().toMillis();
                    if (i > 0) {
                        millis.add(init);
                    }
                }
            }
            millis.sort(Long::compare);
            String name = function.handlerClass().substring(function.handlerClass().lastIndexOf('.') + 1);
            System.out.printf("| %s | %d | %d | %d |%n", name, millis.get(millis.size() / 2), millis.get(0),
                    millis.get(millis.size() - 1));
        }
    }

    private static long size(SynthesizedDetector.DeployedFunction function) {
        try {
            return Files.size(function.code());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
