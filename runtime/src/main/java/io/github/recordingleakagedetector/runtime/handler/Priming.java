package io.github.recordingleakagedetector.runtime.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.aws.AwsClients;
import io.github.recordingleakagedetector.runtime.aws.ConnectContactDirectory;
import io.github.recordingleakagedetector.runtime.aws.RateLimiter;
import io.github.recordingleakagedetector.runtime.aws.S3RecordingArchive;
import io.github.recordingleakagedetector.runtime.aws.SnsAlertPublisher;
import io.github.recordingleakagedetector.runtime.lifecycle.Alert;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogInterpreter;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogRecord;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingExpectation;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.store.DynamoDbContactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.regions.Region;

/**
 * SnapStart priming: before the snapshot, each handler makes every call its invocations make, through the same
 * adapters and the same SDK code, against {@link CannedAwsResponses} instead of the network. The snapshot then holds
 * the loaded and initialised classes (request and response models, marshallers, signers, endpoint rules, JSON
 * readers), so the first invocation after a restore does not pay for them. Nothing leaves the process.
 */
final class Priming {
    private static final JsonLog LOG = JsonLog.of(Priming.class);
    private static final String TOPIC_ARN = "arn:aws:sns:us-east-1:111122223333:priming";

    private Priming() {
    }

    /** Runs the calls of {@code wiring}'s handler offline; returns them as {@code Service:Operation}. */
    static List<String> prime(Wiring wiring) {
        long started = System.nanoTime();
        CannedAwsResponses canned = new CannedAwsResponses();
        Set<AwsClients.Service> services = wiring.services();
        Region region = wiring.aws().dynamoDb().serviceClientConfiguration().region();
        AwsClients offline = AwsClients.offline(services, region, canned);
        Instant now = Instant.parse("2024-01-01T00:10:00Z");

        DynamoDbContactStore store = new DynamoDbContactStore(offline.dynamoDb(), "priming");
        TrackedContact contact = store.find(PrimingSamples.CONTACT_ID).orElseThrow();
        store.needingWork(ContactState.INITIALISED, now).findFirst();
        store.countNeedingWork(ContactState.INITIALISED);
        store.insertInitialised(PrimingSamples.CONTACT_ID, PrimingSamples.INSTANCE_ID,
                new RecordingExpectation(contact.behaviour().recordedParticipants(null), "Inbound", now), now, now);
        ContactSnapshot seen = contact.observation().orElseThrow();
        store.recordObservation(contact, ContactState.COMPLETED_AGENT, seen, now);
        store.delete(contact);
        if (services.contains(AwsClients.Service.CONNECT)) {
            new ConnectContactDirectory(offline.connect(), new RateLimiter(1_000_000))
                    .describe(PrimingSamples.INSTANCE_ID, PrimingSamples.CONTACT_ID);
        }
        if (services.contains(AwsClients.Service.S3)) {
            S3RecordingArchive archive = new S3RecordingArchive(offline.s3(), PrimingSamples.BUCKET);
            archive.startingWith(PrimingSamples.KEY_PREFIX + "/2024/01/01/" + PrimingSamples.CONTACT_ID);
            archive.find(seen.recordingLocations().get(0).substring(PrimingSamples.BUCKET.length() + 1));
        }
        if (services.contains(AwsClients.Service.SNS)) {
            new SnsAlertPublisher(offline.sns(), TOPIC_ARN).publish(new Alert(Alert.Type.RECORDING_MISSING,
                    PrimingSamples.CONTACT_ID, "Priming", Map.of("contactId", PrimingSamples.CONTACT_ID)));
        }
        primeFlowLogReading(now);
        List<String> calls = canned.calls();
        LOG.info("priming.done", "calls", calls, "millis", (System.nanoTime() - started) / 1_000_000);
        return calls;
    }

    /** The subscription payload decoding and the flow-log interpretation: gzip, base64 and jackson-jr's reader. */
    private static void primeFlowLogReading(Instant now) {
        try {
            Map<String, Object> document = Map.of("messageType", SubscriptionPayload.DATA_MESSAGE,
                    "logGroup", "/aws/connect/priming", "logEvents",
                    List.of(Map.of("id", "1", "timestamp", now.toEpochMilli(), "message",
                            PrimingSamples.FLOW_LOG_MESSAGE)));
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(JSON.std.asString(document).getBytes(StandardCharsets.UTF_8));
            }
            SubscriptionPayload payload =
                    SubscriptionPayload.decode(Base64.getEncoder().encodeToString(zipped.toByteArray()));
            for (FlowLogRecord record : payload.logEvents()) {
                FlowLogInterpreter.interpret(record, now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
