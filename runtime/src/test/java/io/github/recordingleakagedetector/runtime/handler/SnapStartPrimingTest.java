package io.github.recordingleakagedetector.runtime.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.testing.FreePort;
import io.github.recordingleakagedetector.runtime.testing.TestAwsClients;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Priming before the SnapStart snapshot: every call a handler's invocations make is run once, offline, and the SDK
 * clients are the ones built with the handler, so an invocation after it builds none.
 */
@ExtendWith(HandlerTestBed.LocalServers.class)
class SnapStartPrimingTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final List<String> TABLE_CALLS = List.of("DynamoDb:GetItem", "DynamoDb:Query", "DynamoDb:Query",
            "DynamoDb:PutItem", "DynamoDb:UpdateItem", "DynamoDb:DeleteItem");
    private final HandlerTestBed bed = new HandlerTestBed();

    private static List<String> callsOf(Handler handler) {
        return switch (handler) {
            case FLOW_LOG_INGEST, PURGE_QUEUE_CONTACTS -> TABLE_CALLS;
            case POLL_INITIALISED, POLL_IN_PROGRESS -> concat(TABLE_CALLS, "Connect:DescribeContact", "Sns:Publish");
            case CHECK_RECORDINGS -> concat(TABLE_CALLS, "Connect:DescribeContact", "S3:ListObjectsV2",
                    "S3:ListObjectsV2", "Sns:Publish");
            case DAILY_EVIDENCE -> concat(TABLE_CALLS, evidenceCalls());
            // a recording seen, an event kept, read back and applied
            case CONTACT_EVENTS -> concat(TABLE_CALLS, "DynamoDb:UpdateItem", "DynamoDb:UpdateItem", "DynamoDb:GetItem",
                    "DynamoDb:UpdateItem");
        };
    }

    /** The day's marker, the open contacts (one query per state), the day's contacts, its files and its report. */
    private static String[] evidenceCalls() {
        List<String> calls = new java.util.ArrayList<>(List.of("S3:ListObjectsV2"));
        calls.addAll(java.util.Collections.nCopies(ContactState.values().length, "DynamoDb:Query"));
        calls.addAll(List.of("DynamoDb:Query", "S3:PUT", "S3:PUT", "S3:PUT", "Sns:Publish"));
        return calls.toArray(String[]::new);
    }

    private static List<String> concat(List<String> first, String... more) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more)).toList();
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void primingMakesEveryCallOfTheHandlerWithoutTheNetwork(Handler handler) {
        // GIVEN a handler whose endpoints all point at a port nothing listens on
        bed.reset(T0);
        String nowhere = "http://127.0.0.1:" + FreePort.find();
        Map<String, String> environment = bed.environment();
        List.of("DYNAMODB", "S3", "CONNECT", "SNS").forEach(service -> environment.put("AWS_ENDPOINT_URL_" + service, nowhere));
        Wiring wiring = Wiring.of(handler, environment, bed.clock(), TestAwsClients.fastRetries());
        int clientsBuilt = wiring.aws().clientsBuilt();

        // WHEN it is primed, as SnapStart's beforeCheckpoint does
        List<String> calls = wiring.prime();

        // THEN it made each call its invocations make (any network attempt would have failed) and built no client
        assertThat(calls).containsExactlyElementsOf(callsOf(handler));
        assertThat(wiring.aws().clientsBuilt()).isEqualTo(clientsBuilt).isPositive();
    }

    @ParameterizedTest
    @EnumSource(Handler.class)
    void anInvocationAfterPrimingUsesTheClientsBuiltBeforeIt(Handler handler) throws Exception {
        // GIVEN a handler built and primed against the local servers
        bed.reset(T0);
        Wiring wiring = bed.wiring(handler);
        Object instance = Class.forName(handler.className()).getConstructor(Wiring.class).newInstance(wiring);
        wiring.beforeCheckpoint(null);
        int clientsBuilt = wiring.aws().clientsBuilt();
        assertThat(bed.calls().byOperation()).as("requests priming sent to the servers").isEmpty();

        // WHEN it is invoked
        if (instance instanceof FlowLogIngestHandler ingest) {
            ingest.handleRequest(FlowLogDeliveries.delivery().enable("c-1", "Both", T0).event(),
                    FakeLambdaContext.withPlentyOfTime());
        } else if (instance instanceof ContactEventHandler events) {
            com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage message =
                    new com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage();
            message.setMessageId("m-1");
            message.setBody("{\"detail-type\":\"Amazon Connect Contact Event\",\"time\":\"" + T0 + "\",\"detail\":"
                    + "{\"eventType\":\"DISCONNECTED\",\"contactId\":\"c-1\",\"instanceArn\":\""
                    + io.github.recordingleakagedetector.runtime.testing.FunctionEnvironment.INSTANCE_ARN + "\"}}");
            com.amazonaws.services.lambda.runtime.events.SQSEvent event =
                    new com.amazonaws.services.lambda.runtime.events.SQSEvent();
            event.setRecords(List.of(message));
            events.handleRequest(event, FakeLambdaContext.withPlentyOfTime());
        } else if (instance instanceof DailyEvidenceHandler evidence) {
            evidence.handleRequest(Map.of("day", "2024-04-30"), FakeLambdaContext.withPlentyOfTime());
        } else {
            ((ScheduledStepHandler) instance).handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
        }

        // THEN it reached the servers with the clients it already had
        assertThat(bed.calls().service("DynamoDb")).isPositive();
        assertThat(wiring.aws().clientsBuilt()).isEqualTo(clientsBuilt);
    }
}
