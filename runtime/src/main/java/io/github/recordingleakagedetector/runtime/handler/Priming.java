package io.github.recordingleakagedetector.runtime.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.aws.AwsClients;
import io.github.recordingleakagedetector.runtime.aws.LogOnlyReportPublisher;
import io.github.recordingleakagedetector.runtime.aws.S3EvidenceArchive;
import io.github.recordingleakagedetector.runtime.aws.SnsReportPublisher;
import io.github.recordingleakagedetector.runtime.aws.ConnectContactDirectory;
import io.github.recordingleakagedetector.runtime.aws.RateLimiter;
import io.github.recordingleakagedetector.runtime.aws.S3RecordingArchive;
import io.github.recordingleakagedetector.runtime.aws.SnsAlertPublisher;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.evidence.DailyEvidence;
import io.github.recordingleakagedetector.runtime.evidence.DailyFigures;
import io.github.recordingleakagedetector.runtime.evidence.EvidenceCsv;
import io.github.recordingleakagedetector.runtime.evidence.EvidencePage;
import io.github.recordingleakagedetector.runtime.evidence.EvidenceRow;
import io.github.recordingleakagedetector.runtime.evidence.EvidenceSummary;
import io.github.recordingleakagedetector.runtime.evidence.ReportPublisher;
import io.github.recordingleakagedetector.runtime.lifecycle.Alert;
import io.github.recordingleakagedetector.runtime.lifecycle.QueuedEventReader;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEvent;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
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
        if (wiring.handler() == Handler.CONTACT_EVENTS) {
            primeContactEvents(wiring, store, contact, seen, now);
        }
        if (wiring.handler() == Handler.DAILY_EVIDENCE) {
            primeEvidence(wiring, offline, store, contact, now);
        } else if (services.contains(AwsClients.Service.S3)) {
            S3RecordingArchive archive = new S3RecordingArchive(offline.s3(), PrimingSamples.BUCKET);
            archive.startingWith(PrimingSamples.KEY_PREFIX + "/2024/01/01/" + PrimingSamples.CONTACT_ID);
            archive.find(seen.recordingLocations().get(0).substring(PrimingSamples.BUCKET.length() + 1));
        }
        if (services.contains(AwsClients.Service.SNS) && wiring.handler() != Handler.DAILY_EVIDENCE) {
            new SnsAlertPublisher(offline.sns(), TOPIC_ARN).publish(new Alert(Alert.Type.RECORDING_MISSING,
                    PrimingSamples.CONTACT_ID, "Priming", Map.of("contactId", PrimingSamples.CONTACT_ID)));
        }
        primeFlowLogReading(now);
        List<String> calls = canned.calls();
        LOG.info("priming.done", "calls", calls, "millis", (System.nanoTime() - started) / 1_000_000);
        return calls;
    }

    /**
     * An event read from its message, kept for a contact not announced yet, read back, and applied; a recording
     * file's S3 event read and stored as seen.
     */
    private static void primeContactEvents(Wiring wiring, DynamoDbContactStore store, TrackedContact contact,
            ContactSnapshot seen, Instant now) {
        String instanceArn = wiring.configuration().text(EnvironmentVariable.CONNECT_INSTANCE_ARN);
        QueuedEventReader reader = wiring.queuedEventReader();
        String key = wiring.configuration().text(EnvironmentVariable.RECORDING_KEY_PREFIX) + "/2024/01/01/"
                + PrimingSamples.CONTACT_ID + "_20240101T10%3A00_UTC.wav";
        RecordingEvent recording = (RecordingEvent) reader.read("{\"detail-type\":\"Object Created\",\"source\":"
                + "\"aws.s3\",\"time\":\"" + now + "\",\"detail\":{\"bucket\":{\"name\":\""
                + wiring.configuration().text(EnvironmentVariable.RECORDING_BUCKET_NAME) + "\"},\"object\":{\"key\":\""
                + key + "\",\"size\":32044,\"sequencer\":\"0064D3901D00059242\"}}}");
        store.recordSeenRecordings(contact, List.of(recording.file()));
        reader.read("{\"detail-type\":\"Amazon Connect Contact Event\","
                + "\"time\":\"" + now + "\",\"detail\":{\"eventType\":\"DISCONNECTED\",\"contactId\":\""
                + PrimingSamples.CONTACT_ID + "\",\"instanceArn\":\"" + instanceArn + "\",\"channel\":\"VOICE\","
                + "\"agentInfo\":{\"connectedToAgentTimestamp\":\"" + now + "\"}}}");
        store.keepPendingEvent(PrimingSamples.CONTACT_ID, seen, now, now);
        store.pendingEvent(PrimingSamples.CONTACT_ID);
        store.recordEvent(contact, ContactState.COMPLETED_AGENT, seen, now, now);
    }

    /** A day's evidence end to end (the canned day is empty), and the rendering of a contact's row. */
    private static void primeEvidence(Wiring wiring, AwsClients offline, DynamoDbContactStore store,
            TrackedContact contact, Instant now) {
        ReportPublisher reports = wiring.services().contains(AwsClients.Service.SNS)
                ? new SnsReportPublisher(offline.sns(), TOPIC_ARN)
                : new LogOnlyReportPublisher();
        DailyEvidence.Settings settings = new DailyEvidence.Settings("priming", ZoneOffset.UTC,
                OptionalDouble.of(99.5), Duration.ofDays(1), Duration.ofDays(90));
        DailyEvidence evidence = new DailyEvidence(store,
                new S3EvidenceArchive(offline.s3(), PrimingSamples.BUCKET, "evidence"), reports, settings,
                Clock.fixed(now, ZoneOffset.UTC));
        // A day that is final by the priming clock: writeAgain also reads the open contacts.
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(2);
        new S3EvidenceArchive(offline.s3(), PrimingSamples.BUCKET, "evidence").written(day);
        evidence.writeAgain(day);
        List<EvidenceRow> rows = List.of(EvidenceRow.of(contact));
        DailyFigures figures = DailyFigures.of(LocalDate.ofInstant(now, ZoneOffset.UTC), rows, OptionalDouble.of(99.5));
        EvidenceCsv.render(rows);
        EvidencePage.render("priming", ZoneOffset.UTC, figures, rows);
        EvidenceSummary.render(EvidenceSummary.document("priming", ZoneOffset.UTC, figures, rows));
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
