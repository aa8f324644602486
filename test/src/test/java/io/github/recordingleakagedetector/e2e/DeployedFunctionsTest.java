package io.github.recordingleakagedetector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.LocalDynamoDb;
import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import io.github.recordingleakagedetector.runtime.testing.TestAwsClients;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each function of the synthesized template, run as Lambda runs it: the staged Lambda jar as task root, the
 * template's handler string, the AWS Lambda Java runtime interface client in a JVM of its own. Invoked once on an
 * empty table, every function must succeed.
 */
class DeployedFunctionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalDynamoDb dynamoDb;
    private static LocalS3 s3;
    private static ConnectSimulator connect;
    private static SnsRecorder sns;
    private static SynthesizedDetector detector;

    @BeforeAll
    static void start() {
        dynamoDb = LocalDynamoDb.start();
        s3 = LocalS3.start();
        connect = ConnectSimulator.start();
        sns = SnsRecorder.start();
        detector = SynthesizedDetector.synthesize(Map.of(
                "instanceArn", "arn:aws:connect:" + SynthesizedDetector.REGION + ":" + SynthesizedDetector.ACCOUNT
                        + ":instance/" + FlowLogDeliveries.INSTANCE_ID,
                "flowLogGroupName", "/aws/connect/smoke",
                "recordingBucketName", "smoke-recordings"), "smoke-contacts");
        TemplateTable.create(dynamoDb.client(), detector.tableProperties(), "smoke-contacts");
        s3.createBucket("smoke-recordings");
        s3.createBucket(detector.evidenceBucketName());
    }

    @AfterAll
    static void stop() {
        sns.close();
        connect.close();
        s3.close();
        dynamoDb.close();
    }

    @Test
    void everyFunctionSucceedsUnderTheRuntimeInterfaceClientWithTheTemplatesHandlerString() throws Exception {
        assertThat(detector.functions()).hasSize(7);
        for (SynthesizedDetector.DeployedFunction function : detector.functions().values()) {
            // GIVEN the function's own JVM, started as Lambda starts it
            Map<String, String> environment = new HashMap<>(function.environment());
            environment.putAll(TestAwsClients.functionEnvironment(dynamoDb.endpoint(), s3.endpoint(),
                    connect.endpoint(), sns.endpoint()));
            List<String> output = new CopyOnWriteArrayList<>();
            try (LambdaEnvironment lambda = new LambdaEnvironment(function.logicalId(), function.arn(),
                    function.handler(), RuntimeInterfaceClient.taskRoot(function.code()), environment,
                    Duration.ofSeconds(function.timeoutSeconds()), function.memorySize(), null, output::add)) {

                // WHEN it is invoked once, on an empty table
                boolean evidence = function.handlerClass().endsWith("DailyEvidenceHandler");
                boolean contactEvents = function.handlerClass().endsWith("ContactEventHandler");
                String payload = function.handlerClass().endsWith("FlowLogIngestHandler")
                        ? "{\"awslogs\":{\"data\":\"" + FlowLogDeliveries.delivery().data() + "\"}}"
                        : evidence ? "{}"
                        : contactEvents ? "{\"Records\":[]}"
                        : "{\"executionStartTime\":\"" + Instant.now() + "\"}";
                LambdaRuntimeApi.Outcome outcome = lambda.invoke(payload);

                // THEN it succeeds with its run summary, logged as JSON lines tagged with the invocation
                assertThat(outcome.succeeded()).as("%s: %s%n%s", function.handler(), outcome.body(), output).isTrue();
                Map<?, ?> summary = JSON.readValue(outcome.body(), Map.class);
                if (contactEvents) {
                    // an empty batch: no item to deliver again, and the run summary logged
                    assertThat(summary.get("batchItemFailures")).as(function.handler()).isEqualTo(List.of());
                    assertThat(output).anyMatch(line -> line.contains("\"event\":\"run.summary\""));
                    continue;
                }
                // an empty table: nothing read, and no day with a contact to write
                assertThat(summary.get(evidence ? "days" : "read")).as(function.handler())
                        .isEqualTo(evidence ? List.of() : 0);
                assertThat(output).as(function.handler()).anyMatch(line -> line.contains("\"event\":\"run.summary\"")
                        && line.contains("\"functionName\":\"" + function.logicalId() + "\""));
            }
        }
    }
}
