package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingChecker;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.SeenRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.support.QueuedEventMessages;
import io.github.recordingleakagedetector.runtime.testing.ScriptedContact;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The recording bucket's S3 events (Object Created / Object Deleted through EventBridge, on the contact-event queue)
 * mark a contact's recording seen, so that the check judges a recorded call without listing the bucket; nothing
 * they show short of a recording is ever a verdict.
 */
@ExtendWith(HandlerTestBed.LocalServers.class)
class RecordingEventsTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final Instant AGENT_AT = T0.plusSeconds(30);
    private static final Instant ENDED_AT = T0.plusSeconds(90);
    private static final Duration GRACE = Duration.ofSeconds(900);
    private static final String LISTING = "S3:ListObjectsV2";
    private final HandlerTestBed bed = new HandlerTestBed();
    private final QueuedEventMessages messages = new QueuedEventMessages();

    @BeforeEach
    void reset() {
        bed.reset(T0).with("CONTACT_EVENTS", "true").with("RECORDING_EVENTS", "true")
                .with("RECORDING_GRACE_PERIOD_SECONDS", Long.toString(GRACE.toSeconds()));
    }

    /** A call that ended with an agent: announced by the flow log, completed by its DISCONNECTED event. */
    private String completedCall() {
        String contactId = UUID.randomUUID().toString();
        bed.ingest(delivery().enable(contactId, "Both", T0.plusSeconds(5)));
        deliver(disconnected(contactId));
        assertThat(bed.contact(contactId).state()).isEqualTo(ContactState.COMPLETED_AGENT);
        return contactId;
    }

    private static String keyOf(String contactId) {
        return HandlerTestBed.PREFIX + "/2024/05/01/" + contactId + "_20240501T09:01_UTC.wav";
    }

    /** S3's event as EventBridge sends it; the key form-encoded, as S3 encodes keys in its notifications. */
    private String s3Event(String type, String bucket, String key, Long size, String sequencer) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", key.replace(":", "%3A"));
        if (size != null) {
            object.put("size", size);
        }
        object.put("etag", "d41d8cd98f00b204e9800998ecf8427e");
        object.put("sequencer", sequencer);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", "0");
        detail.put("bucket", Map.of("name", bucket));
        detail.put("object", object);
        detail.put("reason", type.equals("Object Created") ? "PutObject" : "DeleteObject");
        return QueuedEventMessages.json(Map.of("version", "0", "source", "aws.s3", "detail-type", type,
                "time", bed.clock().instant().toString(), "resources", List.of("arn:aws:s3:::" + bucket),
                "detail", detail));
    }

    private String created(String key, double audioSeconds, String sequencer) {
        return s3Event("Object Created", bed.bucket(), key, StoredRecording.sizeOf(audioSeconds), sequencer);
    }

    private String deleted(String key, String sequencer) {
        return s3Event("Object Deleted", bed.bucket(), key, null, sequencer);
    }

    private static String disconnected(String contactId) {
        return QueuedEventMessages.contactEvent("DISCONNECTED", contactId, T0, ENDED_AT, AGENT_AT);
    }

    private SQSBatchResponse deliver(String... bodies) {
        return bed.contactEventHandler().handleRequest(messages.batch(bodies), FakeLambdaContext.withPlentyOfTime());
    }

    private Map<String, Object> check() {
        return bed.checkHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
    }

    @Test
    void aRecordingSeenInItsEventIsJudgedWithoutListingTheBucketOrAskingConnect() {
        // GIVEN a completed call whose recording's Object Created event came (the file itself is not in the bucket,
        // so only the event can tell of it)
        String contactId = completedCall();
        bed.clock().set(ENDED_AT.plusSeconds(40));
        String[] logs = new String[1];
        logs[0] = HandlerTestBed.logsOf(() -> assertThat(deliver(created(keyOf(contactId), 60, "0064D3901D00059242"))
                .getBatchItemFailures()).isEmpty());

        // WHEN the check runs once the upload wait is over
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        Map<String, Object> summary = check();

        // THEN the call is recorded, on the file the event showed (its key decoded), with no listing at all
        TrackedContact contact = bed.contact(contactId);
        assertThat(HandlerTestBed.outcomes(summary)).isEqualTo("{recorded=1}");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(contact.evidence().files()).containsExactly(new StoredRecording(keyOf(contactId),
                StoredRecording.sizeOf(60)));
        assertThat(contact.searchedLocations()).anyMatch(place -> place.contains("S3 events"));
        assertThat(bed.calls().operation(LISTING)).isZero();
        assertThat(bed.calls().operation("S3:HeadObject")).isZero();
        assertThat(connect().totalDescribeRequests()).isZero();
        assertThat(logs[0]).contains("\"RecordingEventsApplied\"").contains("\"recordingSeen\":1");
    }

    @Test
    void aRecordingNotSeenIsListedOnlyOnceTheGracePeriodIsOver() {
        // GIVEN a completed call whose recording is in the bucket but whose event was lost
        String contactId = completedCall();
        HandlerTestBed.s3().putRecording(bed.bucket(), keyOf(contactId), 60);

        // WHEN the check runs after the upload wait, THEN it waits for the event and lists nothing
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{awaitingRecording=1}");
        assertThat(bed.calls().operation(LISTING)).isZero();

        // WHEN it runs after the grace period, THEN one listing finds the recording: a lost event costs a listing
        bed.clock().set(ENDED_AT.plus(GRACE).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{recorded=1}");
        assertThat(bed.calls().operation(LISTING)).isEqualTo(1);
        assertThat(connect().totalDescribeRequests()).isZero();
    }

    @Test
    void filesTheEventsShowShortOfARecordingAreNeverAVerdict() {
        // GIVEN a call whose events showed an empty file (a header only), and the full recording that replaced it
        // in the bucket, whose event was lost
        String contactId = completedCall();
        deliver(created(keyOf(contactId), 0, "0064D3901D00059242"));
        HandlerTestBed.s3().putRecording(bed.bucket(), keyOf(contactId), 60);

        // WHEN the check runs within the grace period, THEN the empty file is no verdict
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{awaitingRecording=1}");

        // WHEN it runs after the grace period, THEN the bucket is listed and the recording found
        bed.clock().set(ENDED_AT.plus(GRACE).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{recorded=1}");
        assertThat(bed.contact(contactId).evidence().files()).containsExactly(new StoredRecording(keyOf(contactId),
                StoredRecording.sizeOf(60)));
    }

    @Test
    void aDeletionTheEventsShowIsNeverTakenForARecordingWhateverOrderTheyArriveIn() {
        // GIVEN a recording created then deleted, whose Object Deleted event arrives before its Object Created
        String contactId = completedCall();
        connect().contact(FlowLogDeliveries.INSTANCE_ID, contactId)
                .initiatedAt(T0).connectedToAgentAt(AGENT_AT, "agent-7").disconnectedAt(ENDED_AT);
        deliver(deleted(keyOf(contactId), "0064D3901D0005924300"));
        deliver(created(keyOf(contactId), 60, "0064D3901D00059242"));
        assertThat(bed.contact(contactId).seenRecordings())
                .containsExactly(new SeenRecording(keyOf(contactId), 0, "0064D3901D0005924300", true));

        // WHEN the check runs after the grace period
        bed.clock().set(ENDED_AT.plus(GRACE).plusSeconds(1));
        Map<String, Object> summary = check();

        // THEN the bucket was listed, Connect asked, and the missing recording is a leak
        assertThat(HandlerTestBed.outcomes(summary)).isEqualTo("{missing=1}");
        assertThat(bed.calls().operation(LISTING)).isPositive();
        assertThat(connect().describeCount(contactId)).isEqualTo(1);
    }

    @Test
    void aRepeatedOrOlderEventChangesNothing() {
        String contactId = completedCall();
        deliver(created(keyOf(contactId), 60, "0064D3901D00059242"));
        long version = bed.contact(contactId).version();

        deliver(created(keyOf(contactId), 60, "0064D3901D00059242"),
                created(keyOf(contactId), 5, "0064D3901D00059241"));

        TrackedContact contact = bed.contact(contactId);
        assertThat(contact.version()).isEqualTo(version);
        assertThat(contact.seenRecordings()).extracting(SeenRecording::sizeBytes)
                .containsExactly(StoredRecording.sizeOf(60));
    }

    @Test
    void aRecordingUnderAnAdditionalLocationIsSeenAndRecordedOnceTheRecordingPrefixHoldsNothing() {
        // GIVEN Contact Lens's redacted audio as the additional location, kept instead of the original, and its event
        bed.with("ADDITIONAL_RECORDING_PREFIXES", "Analysis/Voice/Redacted");
        String contactId = completedCall();
        String redacted = "Analysis/Voice/Redacted/2024/05/01/" + contactId
                + "_call_recording_redacted_2024-05-01T09:00:30Z.wav";
        deliver(created(redacted, 60, "0064D3901D00059242"));
        assertThat(bed.contact(contactId).seenRecordings()).extracting(SeenRecording::key).containsExactly(redacted);

        // WHEN the check runs after the upload wait, THEN it lists the recording prefix's one day folder at once (not
        // after the grace period), finds nothing there, and the redacted file the event showed is the recording
        // (it is not in the bucket: only the event can have told of it, unlisted)
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{recorded=1}");
        assertThat(bed.contact(contactId).evidence().files()).extracting(StoredRecording::key)
                .containsExactly(redacted);
        assertThat(bed.calls().operation(LISTING)).isEqualTo(1);
    }

    @Test
    void aRecordingSeenOnlyUnderAnAdditionalLocationIsCheckedAgainstTheRecordingPrefixFirst() {
        // GIVEN a call whose redacted copy's event came, but whose original (a bare header: empty) lost its event
        bed.with("ADDITIONAL_RECORDING_PREFIXES", "Analysis/Voice/Redacted");
        String contactId = completedCall();
        HandlerTestBed.s3().putRecording(bed.bucket(), keyOf(contactId), 0);
        deliver(created("Analysis/Voice/Redacted/2024/05/01/" + contactId + "_call_recording_redacted.wav", 60,
                "0064D3901D00059242"));

        // WHEN the check runs after the upload wait
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        Map<String, Object> summary = check();

        // THEN the bucket was listed, as a listing looks under the recording prefix first, and the empty original is
        // no recorded verdict: the contact waits for its grace period, as any short recording does
        assertThat(HandlerTestBed.outcomes(summary)).isEqualTo("{awaitingRecording=1}");
        assertThat(bed.calls().operation(LISTING)).isPositive();
        assertThat(bed.contact(contactId).recordingState()).isNull();
    }

    @Test
    void aDeletionIsNeverConcludedFromEventsAlone() {
        // GIVEN a polled call (no contact events) whose recording Connect reports deleted, and the file's deletion
        // seen in the bucket's events
        bed.with("CONTACT_EVENTS", "false");
        String contactId = UUID.randomUUID().toString();
        connect().contact(FlowLogDeliveries.INSTANCE_ID, contactId).initiatedAt(T0)
                .connectedToAgentAt(AGENT_AT, "agent-7").disconnectedAt(ENDED_AT)
                .recording(ScriptedContact.Recording.of(bed.bucket() + "/" + keyOf(contactId), AGENT_AT)
                        .deleted(ENDED_AT.plusSeconds(2), "Deleted by the contact centre's retention rule"));
        bed.ingest(delivery().enable(contactId, "Both", T0.plusSeconds(5)));
        bed.clock().set(ENDED_AT.plusSeconds(5));
        bed.pollInitialisedHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
        assertThat(bed.contact(contactId).state()).isEqualTo(ContactState.COMPLETED_AGENT);
        deliver(deleted(keyOf(contactId), "0064D3901D00059242"));

        // WHEN the check runs within the grace period, THEN nothing is concluded and nothing listed
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{awaitingRecording=1}");
        assertThat(bed.calls().operation(LISTING)).isZero();

        // WHEN it runs after the grace period, THEN the deletion is the verdict of a listing and Connect's report
        bed.clock().set(ENDED_AT.plus(GRACE).plusSeconds(1));
        assertThat(HandlerTestBed.outcomes(check())).isEqualTo("{deleted=1}");
        assertThat(bed.calls().operation(LISTING)).isPositive();
    }

    @Test
    void eventsNamingNoOpenContactAreCountedAsUnmatchedAndBadOnesAsRejectedWithoutFailingTheBatch() {
        // GIVEN a judged contact, and one not tracked
        String judged = completedCall();
        deliver(created(keyOf(judged), 60, "01"));
        bed.clock().set(ENDED_AT.plus(RecordingChecker.UPLOAD_WAIT).plusSeconds(1));
        check();
        assertThat(bed.contact(judged).recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        String unknown = UUID.randomUUID().toString();

        // WHEN events come for them, for a renamed file, for another bucket, outside the locations, and without size
        String[] response = new String[1];
        String logs = HandlerTestBed.logsOf(() -> response[0] = deliver(
                created(keyOf(judged), 30, "02"),
                created(keyOf(unknown), 60, "01"),
                created(HandlerTestBed.PREFIX + "/2024/05/01/restored-1a2b3c4d.wav", 60, "01"),
                s3Event("Object Created", "someone-elses-bucket", keyOf(unknown), 1000L, "01"),
                s3Event("Object Created", bed.bucket(), "exports/" + unknown + "_x.wav", 1000L, "01"),
                s3Event("Object Created", bed.bucket(), keyOf(unknown), null, "01"))
                .getBatchItemFailures().toString());

        // THEN none failed the batch; three named no open contact, three were rejected, each with its reason
        assertThat(response[0]).isEqualTo("[]");
        assertThat(logs).contains("\"recordingUnmatched\":3").contains("\"eventRejected\":3")
                .contains("contact already judged").contains("contact not tracked")
                .contains("no contact id in the file name")
                .contains("bucket 'someone-elses-bucket' is not the recording bucket")
                .contains("is outside the recording locations")
                .contains("no size for created key");
        assertThat(bed.contact(judged).evidence().files()).extracting(StoredRecording::sizeBytes)
                .containsExactly(StoredRecording.sizeOf(60));
        assertThat(bed.store().find(unknown)).isEmpty();
    }
}
