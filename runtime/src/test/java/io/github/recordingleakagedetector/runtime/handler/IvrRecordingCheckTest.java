package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.INSTANCE_ID;
import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.PREFIX;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.outcome;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.s3;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.sns;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.IvrRecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * IVR (automated interaction) recordings, checked when {@code CHECK_IVR_RECORDINGS} is on: a flow that turned IVR
 * recording on expects a file of its own under {@code <prefix>/ivr/}, also for a contact that never reached an agent.
 * Neither recording ever stands in for the other.
 */
@ExtendWith(HandlerTestBed.LocalServers.class)
class IvrRecordingCheckTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);
    private final HandlerTestBed bed = new HandlerTestBed();

    @BeforeEach
    void reset() {
        bed.reset(T0).with("CHECK_IVR_RECORDINGS", "true");
    }

    /** A call whose flow recorded the IVR and both parties, answered by an agent at {@code connected} if not null. */
    private void completedCall(String contactId, Instant connected, Instant disconnected) {
        bed.clock().set(T0);
        var contact = connect().contact(INSTANCE_ID, contactId).initiatedAt(T0).enqueuedAt(T0.plusSeconds(10), "q-1");
        if (connected != null) {
            contact.connectedToAgentAt(connected, "agent-1");
        }
        contact.disconnectedAt(disconnected);
        bed.ingest(delivery().enableWithIvr(contactId, List.of("Agent", "Customer"), T0.plusSeconds(1)));
        bed.clock().set(disconnected.plusSeconds(5));
        bed.pollInitialisedHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
        bed.clock().advance(Duration.ofSeconds(5));
    }

    private String agentFile(String contactId) {
        return PREFIX + "/2024/05/01/" + contactId + "_20240501T09:02_UTC.wav";
    }

    private String ivrFile(String contactId) {
        return PREFIX + "/ivr/2024/05/01/" + contactId + "_20240501T09:00_UTC.wav";
    }

    private Map<String, Object> check() {
        return bed.checkHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
    }

    private Map<String, Object> purge() {
        return bed.purgeHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
    }

    @Test
    void anAgentCallWithBothRecordingsIsRecordedTwiceAndClosedAtOnce() {
        completedCall("c-1", T0.plusSeconds(60), T0.plusSeconds(120));
        s3().putRecording(bed.bucket(), agentFile("c-1"), 60);
        s3().putRecording(bed.bucket(), ivrFile("c-1"), 60);

        Map<String, Object> summary = check();

        assertThat(outcome(summary, "recorded")).isEqualTo(1);
        assertThat(outcome(summary, "ivrRecorded")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-1");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(contact.ivrVerdict().state()).isEqualTo(IvrRecordingState.IVR_RECORDED_SUCCESS);
        assertThat(contact.ivrVerdict().files()).extracting(file -> file.key()).containsExactly(ivrFile("c-1"));
        assertThat(contact.updatedAt()).isNull();
    }

    @Test
    void aMissingIvrRecordingIsALeakEvenWhenTheAgentLegWasRecorded() {
        completedCall("c-2", T0.plusSeconds(60), T0.plusSeconds(120));
        s3().putRecording(bed.bucket(), agentFile("c-2"), 60);

        Map<String, Object> early = check();
        bed.clock().set(T0.plusSeconds(120).plus(GRACE).plusSeconds(1));
        String logs = HandlerTestBed.logsOf(this::check);

        assertThat(outcome(early, "awaitingRecording")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-2");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(contact.ivrVerdict().state()).isEqualTo(IvrRecordingState.IVR_RECORDED_FAILURE);
        assertThat(sns().published()).singleElement().satisfies(alert -> {
            assertThat(alert.messageAttributes()).containsEntry("alertType", "IVR_RECORDING_MISSING");
            assertThat(alert.subject()).isEqualTo("IVR recording missing for contact c-2");
        });
        assertThat(logs).contains("\"IvrRecordingsMissing\":1", "\"RecordingsMissing\":0");
    }

    @Test
    void anIvrRecordingNeverStandsInForAMissingAgentRecording() {
        completedCall("c-3", T0.plusSeconds(60), T0.plusSeconds(120));
        s3().putRecording(bed.bucket(), ivrFile("c-3"), 120);
        bed.clock().set(T0.plusSeconds(120).plus(GRACE).plusSeconds(1));

        check();

        TrackedContact contact = bed.contact("c-3");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(contact.ivrVerdict().state()).isEqualTo(IvrRecordingState.IVR_RECORDED_SUCCESS);
        assertThat(sns().published()).singleElement().satisfies(alert ->
                assertThat(alert.messageAttributes()).containsEntry("alertType", "RECORDING_MISSING"));
    }

    @Test
    void aContactThatNeverReachedAnAgentIsCheckedForItsIvrRecordingInsteadOfBeingPurged() {
        // GIVEN two IVR-only calls with IVR recording on, one with its IVR file and one without
        completedCall("ivr-ok", null, T0.plusSeconds(90));
        completedCall("ivr-lost", null, T0.plusSeconds(90));
        s3().putRecording(bed.bucket(), ivrFile("ivr-ok"), 80);
        assertThat(bed.contact("ivr-ok").state()).isEqualTo(ContactState.COMPLETED_QUEUE_IVR);

        // WHEN the purge and the check run, and the check again after the grace period
        Map<String, Object> purged = purge();
        Map<String, Object> checked = check();
        bed.clock().set(T0.plusSeconds(90).plus(GRACE).plusSeconds(1));
        Map<String, Object> later = check();

        // THEN the purge leaves both to the check, which records one and alerts the other
        assertThat(outcome(purged, "notApplicable")).isZero();
        assertThat(outcome(checked, "ivrRecorded")).isEqualTo(1);
        assertThat(outcome(later, "ivrMissing")).isEqualTo(1);
        assertThat(bed.contact("ivr-ok").ivrVerdict().state()).isEqualTo(IvrRecordingState.IVR_RECORDED_SUCCESS);
        assertThat(bed.contact("ivr-ok").recordingState()).isNull();
        assertThat(bed.contact("ivr-lost").ivrVerdict().state()).isEqualTo(IvrRecordingState.IVR_RECORDED_FAILURE);
        assertThat(sns().published()).singleElement().satisfies(alert ->
                assertThat(alert.messageAttributes()).containsEntry("contactId", "ivr-lost"));
    }

    @Test
    void withIvrChecksOffQueueContactsAreClosedAsNotApplicableAndNoIvrVerdictIsReached() {
        bed.with("CHECK_IVR_RECORDINGS", "false");
        completedCall("c-4", null, T0.plusSeconds(90));
        completedCall("c-5", T0.plusSeconds(60), T0.plusSeconds(120));
        s3().putRecording(bed.bucket(), agentFile("c-5"), 60);

        assertThat(outcome(purge(), "notApplicable")).isEqualTo(1);
        assertThat(outcome(check(), "recorded")).isEqualTo(1);
        assertThat(bed.contact("c-5").ivrVerdict()).isNull();
        assertThat(bed.contact("c-4").ivrVerdict()).isNull();
        assertThat(ContactCategory.of(bed.contact("c-4"))).isEqualTo(ContactCategory.NOT_APPLICABLE);
    }
}
