package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.INSTANCE_ID;
import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.PREFIX;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.outcome;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.s3;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.sns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.testing.ScriptedContact;
import io.github.recordingleakagedetector.runtime.testing.SnsRecorder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;

@ExtendWith(HandlerTestBed.LocalServers.class)
class CheckRecordingsHandlerTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);
    private final HandlerTestBed bed = new HandlerTestBed();

    @BeforeEach
    void reset() {
        bed.reset(T0);
    }

    /** A call handled by an agent from {@code connected} to {@code disconnected}, tracked up to COMPLETED - AGENT. */
    private void completedAgentCall(String contactId, Instant connected, Instant disconnected) {
        bed.clock().set(connected.minusSeconds(30));
        connect().contact(INSTANCE_ID, contactId).initiatedAt(connected.minusSeconds(30))
                .enqueuedAt(connected.minusSeconds(20), "queue-1")
                .connectedToAgentAt(connected, "agent-7")
                .disconnectedAt(disconnected);
        bed.ingest(delivery().enable(contactId, "Both", connected.minusSeconds(25)));
        bed.clock().set(disconnected.plusSeconds(5));
        bed.pollInitialisedHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
        assertThat(bed.contact(contactId).state()).isEqualTo(ContactState.COMPLETED_AGENT);
        // the check runs in a later execution than the poll that completed the contact
        bed.clock().advance(Duration.ofSeconds(5));
    }

    private Map<String, Object> check() {
        return bed.checkHandler().handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime());
    }

    private static String dayFolder(String day) {
        return PREFIX + "/" + day + "/";
    }

    /** A recording of a whole 60-second agent leg (the length of most calls here). */
    private void putRecording(String key) {
        putRecording(key, 60);
    }

    private void putRecording(String key, double audioSeconds) {
        s3().putRecording(bed.bucket(), key, audioSeconds);
    }

    @Test
    void aRecordingInTheDayFolderIsASuccess() {
        completedAgentCall("c-1", T0, T0.plusSeconds(120));
        putRecording(dayFolder("2024/05/01") + "c-1_20240501T09:02_UTC.wav", 120);

        Map<String, Object> summary = check();

        TrackedContact contact = bed.contact("c-1");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(contact.updatedAt()).isNull();
        assertThat(outcome(summary, "recorded")).isEqualTo(1);
        assertThat(sns().published()).isEmpty();
        assertThat(check().get("read")).isEqualTo(0L);
    }

    @Test
    void aCallCrossingMidnightUtcIsFoundInTheDisconnectDaysFolder() {
        completedAgentCall("c-2", Instant.parse("2024-05-01T23:58:00Z"), Instant.parse("2024-05-02T00:04:00Z"));
        putRecording(dayFolder("2024/05/02") + "c-2_20240502T00:04_UTC.wav", 360);

        check();

        assertThat(bed.contact("c-2").recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
    }

    @Test
    void aCallCrossingMidnightUtcIsFoundInTheConnectionDaysFolder() {
        completedAgentCall("c-3", Instant.parse("2024-05-01T23:58:00Z"), Instant.parse("2024-05-02T00:04:00Z"));
        putRecording(dayFolder("2024/05/01") + "c-3_20240501T23:58_UTC.wav", 360);

        check();

        assertThat(bed.contact("c-3").recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
    }

    @Test
    void aBusyDayFolderDoesNotHideRecordingsOrLeaks() {
        // GIVEN a day folder with 1,100 recordings; our contacts' keys sort after the first 1,000
        for (int i = 0; i < 1_100; i++) {
            s3().seedObject(bed.bucket(), dayFolder("2024/05/01") + String.format("a%04d_20240501T09:00_UTC.wav", i),
                    "x");
        }
        completedAgentCall("z-recorded", T0, T0.plusSeconds(60));
        completedAgentCall("z-leaked", T0, T0.plusSeconds(60));
        putRecording(dayFolder("2024/05/01") + "z-recorded_20240501T09:01_UTC.wav");
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));

        Map<String, Object> summary = check();

        assertThat(bed.contact("z-recorded").recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(bed.contact("z-leaked").recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(outcome(summary, "missing")).isEqualTo(1);
    }

    @Test
    void anEmptyFolderWithinTheGracePeriodLeavesTheContactForTheNextRun() {
        completedAgentCall("c-4", T0, T0.plusSeconds(60));
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).minusSeconds(1));

        Map<String, Object> summary = check();

        assertThat(outcome(summary, "awaitingRecording")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-4");
        assertThat(contact.recordingState()).isNull();
        assertThat(contact.updatedAt()).isNotNull();
        assertThat(sns().published()).isEmpty();
        assertThat(summary.get("remaining")).isEqualTo(1L);
    }

    @Test
    void aRecordingArrivingLateButWithinTheGracePeriodIsASuccess() {
        completedAgentCall("c-5", T0, T0.plusSeconds(60));
        Map<String, Object> early = check();

        bed.clock().advance(Duration.ofMinutes(10));
        putRecording(dayFolder("2024/05/01") + "c-5_20240501T09:01_UTC.wav");
        Map<String, Object> later = check();

        assertThat(outcome(early, "awaitingRecording")).isEqualTo(1);
        assertThat(outcome(later, "recorded")).isEqualTo(1);
        assertThat(sns().published()).isEmpty();
    }

    @Test
    void noRecordingAfterTheGracePeriodIsOneFailureAndOneAlert() {
        completedAgentCall("c-6", T0, T0.plusSeconds(60));
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));

        String logs = HandlerTestBed.logsOf(() -> assertThat(outcome(check(), "missing")).isEqualTo(1));
        Map<String, Object> nextRun = check();

        TrackedContact contact = bed.contact("c-6");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(contact.updatedAt()).isNull();
        assertThat(contact.searchedLocations())
                .containsExactly("s3://" + bed.bucket() + "/" + PREFIX + "/2024/05/01/c-6*");
        List<SnsRecorder.PublishedMessage> alerts = sns().published();
        assertThat(alerts).hasSize(1);
        SnsRecorder.PublishedMessage alert = alerts.get(0);
        assertThat(alert.subject()).isEqualTo("Call recording missing for contact c-6");
        assertThat(alert.messageAttributes()).containsEntry("alertType", "RECORDING_MISSING")
                .containsEntry("contactId", "c-6");
        assertThat(alert.message()).contains("\"contactId\":\"c-6\"", "\"instanceId\":\"" + INSTANCE_ID + "\"",
                "\"agentId\":\"agent-7\"", "\"queueId\":\"queue-1\"",
                "\"connectedToAgentTimestamp\":\"2024-05-01T09:00:00Z\"",
                "\"disconnectTimestamp\":\"2024-05-01T09:01:00Z\"", "\"searchedLocations\"");
        assertThat(logs).contains("\"RecordingsMissing\":1", "\"event\":\"recording.missing\"");
        assertThat(nextRun.get("read")).isEqualTo(0L);
    }

    @Test
    void theLocationConnectReportsIsFoundEvenWhenTheFileNameLacksTheContactId() {
        // GIVEN a recording stored under a name without the contact id, whose location Connect reports late
        completedAgentCall("c-7", T0, T0.plusSeconds(60));
        String key = dayFolder("2024/05/01") + "renamed-by-a-lifecycle-rule.wav";
        putRecording(key);
        connect().contact(INSTANCE_ID, "c-7").recording(bed.bucket() + "/" + key, T0.plusSeconds(90));
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));

        // WHEN the grace period has passed without a file named after the contact
        Map<String, Object> summary = check();

        // THEN Connect is asked once more and its location is the evidence
        assertThat(outcome(summary, "recorded")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-7");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(sns().published()).isEmpty();
    }

    @Test
    void aLocationConnectReportedIsTheEvidence() {
        String key = dayFolder("2024/05/01") + "elsewhere.wav";
        connect().contact(INSTANCE_ID, "c-8").recording(bed.bucket() + "/" + key, T0.plusSeconds(61));
        completedAgentCall("c-8", T0, T0.plusSeconds(60));
        putRecording(key);

        Map<String, Object> summary = check();

        assertThat(outcome(summary, "recorded")).isEqualTo(1);
        assertThat(bed.contact("c-8").recordingState()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
    }

    @Test
    void aFailedAlertFailsTheRunAndIsSentOnALaterRun() {
        completedAgentCall("c-9", T0, T0.plusSeconds(60));
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));
        sns().denyPublishes(true);

        String failedRunLogs = HandlerTestBed.logsOf(() ->
                assertThatThrownBy(this::check).isInstanceOf(AuthorizationErrorException.class));
        // the leak is counted once, by the run that claimed it, though its alert failed
        assertThat(failedRunLogs).contains("\"RecordingsMissing\":1");
        TrackedContact pending = bed.contact("c-9");
        assertThat(pending.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(pending.alertPendingSince()).isNotNull();

        sns().denyPublishes(false);
        bed.clock().advance(Duration.ofMinutes(1));
        Map<String, Object> withinLease = check();
        bed.clock().advance(Duration.ofMinutes(2));
        Map<String, Object> afterLease = check();

        assertThat(outcome(withinLease, "alertInFlight")).isEqualTo(1);
        assertThat(outcome(afterLease, "alertResent")).isEqualTo(1);
        assertThat(outcome(afterLease, "missing")).isZero();
        assertThat(sns().published()).hasSize(1);
        assertThat(sns().published().get(0).subject()).isEqualTo("Call recording missing for contact c-9");
        assertThat(bed.contact("c-9").updatedAt()).isNull();
    }

    @Test
    void withoutATopicTheAlertIsALogLine() {
        bed.with("ALERT_TOPIC_ARN", ""); // the construct sets it empty when alerts are log lines only
        completedAgentCall("c-10", T0, T0.plusSeconds(60));
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));

        String logs = HandlerTestBed.logsOf(this::check);

        assertThat(logs).contains("\"event\":\"alert\"", "\"alertType\":\"RECORDING_MISSING\"", "\"contactId\":\"c-10\"");
        assertThat(sns().requestCount()).isZero();
        assertThat(bed.contact("c-10").updatedAt()).isNull();
    }

    @Test
    void aMissingBucketFailsTheRunInsteadOfReportingLeaks() {
        completedAgentCall("c-11", T0, T0.plusSeconds(60));
        bed.with("RECORDING_BUCKET_NAME", "no-such-bucket");
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));

        assertThatThrownBy(this::check).isInstanceOf(NoSuchBucketException.class);
        assertThat(bed.contact("c-11").recordingState()).isNull();
        assertThat(sns().published()).isEmpty();
    }

    @Test
    void twoOverlappingChecksReportEachLeakOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = "leak-" + i;
            ids.add(id);
            completedAgentCall(id, T0, T0.plusSeconds(60));
        }
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));
        // The re-describe before each verdict is paced at 20/s: each run takes half a second, so both read every leak
        bed.with("DESCRIBE_CONTACT_RATE_LIMIT", "20");

        // Both handlers (and their SDK clients) are built first, so the two runs start together
        CheckRecordingsHandler first = bed.checkHandler();
        CheckRecordingsHandler second = bed.checkHandler();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Callable<Map<String, Object>>> runs = List.of(
                () -> first.handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime()),
                () -> second.handleRequest(Map.of(), FakeLambdaContext.withPlentyOfTime()));
        long missing = 0;
        long lost = 0;
        try {
            for (Future<Map<String, Object>> run : pool.invokeAll(runs)) {
                missing += outcome(run.get(), "missing");
                lost += outcome(run.get(), "raceLost");
            }
        } finally {
            pool.shutdown();
        }

        assertThat(missing).isEqualTo(10);
        assertThat(lost).as("the runs really overlapped").isPositive();
        assertThat(sns().published()).hasSize(10);
        assertThat(sns().published()).extracting(SnsRecorder.PublishedMessage::subject).doesNotHaveDuplicates();
        ids.forEach(id -> assertThat(bed.contact(id).recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE));
    }

    @Test
    void aVerdictWaitsForConnectOnlyUntilASecondGracePeriodHasPassed() {
        // GIVEN a leak whose re-describe is throttled beyond the SDK's retries at every run
        completedAgentCall("c-12", T0, T0.plusSeconds(60));
        bed.with("CONCURRENT_CONTACTS", "1");
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));
        connect().throttleNextRequests(3);
        Map<String, Object> withinSecondGrace = check();

        bed.clock().set(T0.plusSeconds(60).plus(GRACE.multipliedBy(2)).plusSeconds(1));
        connect().throttleNextRequests(3);
        Map<String, Object> afterSecondGrace = check();

        // THEN it is deferred at first, then reported without Connect's locations, saying so
        assertThat(outcome(withinSecondGrace, "deferred")).isEqualTo(1);
        assertThat(outcome(afterSecondGrace, "missing")).isEqualTo(1);
        assertThat(bed.contact("c-12").searchedLocations())
                .contains("DescribeContact unavailable: the recording locations Connect reports could not be refreshed");
        assertThat(sns().published()).hasSize(1);
    }

    @Test
    void whenConnectReportsTwoRecordingsBothMustExist() {
        // GIVEN Connect reports an IVR and an agent recording for the call, and only the IVR one landed
        String ivr = dayFolder("2024/05/01") + "c-13_ivr.wav";
        String agent = dayFolder("2024/05/01") + "c-13_20240501T09:01_UTC.wav";
        connect().contact(INSTANCE_ID, "c-13").recording(bed.bucket() + "/" + ivr, T0.plusSeconds(61))
                .recording(bed.bucket() + "/" + agent, T0.plusSeconds(61));
        completedAgentCall("c-13", T0, T0.plusSeconds(60));
        putRecording(ivr);
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(1));

        Map<String, Object> summary = check();

        // THEN the IVR recording does not stand in for the agent's: a leak
        assertThat(outcome(summary, "missing")).isEqualTo(1);
        assertThat(bed.contact("c-13").searchedLocations()).contains("s3://" + bed.bucket() + "/" + agent);
        // and Connect, asked again before the verdict, reported the same two locations: each was listed once
        assertThat(bed.calls().operation("S3:ListObjectsV2")).isEqualTo(2);
    }

    private Map<String, Object> checkAfterGrace(Instant disconnected) {
        bed.clock().set(disconnected.plus(GRACE).plusSeconds(1));
        return check();
    }

    @Test
    void aHeaderOnlyFileIsAnEmptyRecordingLeakAlertedWithItsSizeOnceTheGracePeriodIsOver() {
        // GIVEN a 60 s agent leg whose recording file holds only the 44-byte WAV header
        completedAgentCall("c-20", T0, T0.plusSeconds(60));
        putRecording(dayFolder("2024/05/01") + "c-20_20240501T09:01_UTC.wav", 0);

        // WHEN it is checked within the grace period, and after it
        Map<String, Object> early = check();
        String logs = HandlerTestBed.logsOf(() -> checkAfterGrace(T0.plusSeconds(60)));

        // THEN it waits first (a file may still be replaced), then is one empty-recording leak with its evidence
        assertThat(outcome(early, "awaitingRecording")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-20");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_EMPTY);
        assertThat(contact.evidence().files()).singleElement()
                .satisfies(file -> assertThat(file.sizeBytes()).isEqualTo(44));
        SnsRecorder.PublishedMessage alert = sns().published().get(0);
        assertThat(sns().published()).hasSize(1);
        assertThat(alert.subject()).isEqualTo("Call recording empty for contact c-20");
        assertThat(alert.messageAttributes()).containsEntry("alertType", "RECORDING_EMPTY")
                .containsEntry("alertId", "RECORDING_EMPTY:c-20");
        assertThat(alert.message()).contains("\"sizeBytes\":44", "\"audioSeconds\":0.0", "\"agentLegSeconds\":60.0",
                "\"recordingState\":\"CALL_RECORDED_EMPTY\"");
        assertThat(logs).contains("\"RecordingsEmpty\":1", "\"RecordingsMissing\":0");
    }

    @Test
    void aRecordingConnectSaysStoppedEarlyIsAPartialRecordingLeak() {
        // GIVEN a 100 s agent leg whose recording Connect reports from the agent's connection to 30 s into the call
        Instant disconnected = T0.plusSeconds(100);
        String key = dayFolder("2024/05/01") + "c-21_20240501T09:01_UTC.wav";
        connect().contact(INSTANCE_ID, "c-21").recording(ScriptedContact.Recording.of(bed.bucket() + "/" + key,
                T0.plusSeconds(101)).withTimestamps(T0, T0.plusSeconds(30)));
        completedAgentCall("c-21", T0, disconnected);
        putRecording(key, 30);

        // WHEN it is checked after the grace period
        Map<String, Object> summary = checkAfterGrace(disconnected);

        // THEN 30 s of a 100 s leg is less than half: a partial-recording leak, alerted with both figures
        assertThat(outcome(summary, "partial")).isEqualTo(1);
        TrackedContact contact = bed.contact("c-21");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_PARTIAL);
        assertThat(contact.evidence().recordedSeconds()).isEqualTo(30.0);
        assertThat(contact.evidence().agentLegSeconds()).isEqualTo(100.0);
        assertThat(contact.evidence().measuredBy()).isEqualTo("CONNECT");
        assertThat(sns().published()).singleElement().satisfies(alert -> {
            assertThat(alert.messageAttributes()).containsEntry("alertType", "RECORDING_PARTIAL");
            assertThat(alert.message()).contains("\"recordedSeconds\":30.0", "\"agentLegSeconds\":100.0",
                    "\"recordedSecondsMeasuredBy\":\"CONNECT\"");
        });
    }

    @Test
    void aRecordingConnectReportsAsDeletedIsRecordedAsDeletedWithItsReasonAndNotAlerted() {
        // GIVEN a recording Connect made, then reports as deleted
        String key = dayFolder("2024/05/01") + "c-22_20240501T09:01_UTC.wav";
        connect().contact(INSTANCE_ID, "c-22").recording(ScriptedContact.Recording.of(bed.bucket() + "/" + key,
                T0.plusSeconds(61)).deleted(T0.plusSeconds(62), "Deleted by the contact centre's retention rule"));
        completedAgentCall("c-22", T0, T0.plusSeconds(60));

        // WHEN it is checked
        String logs = HandlerTestBed.logsOf(() -> assertThat(outcome(check(), "deleted")).isEqualTo(1));

        // THEN it is closed as deleted, with Connect's reason, counted in its own metric, and nobody is alerted
        TrackedContact contact = bed.contact("c-22");
        assertThat(contact.recordingState()).isEqualTo(RecordingState.CALL_RECORDING_DELETED);
        assertThat(contact.evidence().deletionReason()).isEqualTo("Deleted by the contact centre's retention rule");
        assertThat(contact.updatedAt()).isNull();
        assertThat(sns().published()).isEmpty();
        assertThat(logs).contains("\"RecordingsDeleted\":1", "\"RecordingsMissing\":0");
    }

    @Test
    void aRedactedOnlyRecordingUnderAnAdditionalLocationIsARecordingWithinTwoListings() {
        // GIVEN a centre that keeps only Contact Lens's redacted audio, at the bucket's Analysis/Voice/Redacted
        bed.with("ADDITIONAL_RECORDING_PREFIXES", "Analysis/Voice/Redacted");
        completedAgentCall("c-23", T0, T0.plusSeconds(60));
        String redacted = "Analysis/Voice/Redacted/2024/05/01/c-23_call_recording_redacted_2024-05-01T09:00:00Z.wav";
        s3().putRecording(bed.bucket(), redacted, 60);

        // WHEN it is checked
        Map<String, Object> summary = check();

        // THEN the redacted file is the recording, found with one listing of each location
        assertThat(outcome(summary, "recorded")).isEqualTo(1);
        assertThat(bed.contact("c-23").evidence().files()).extracting(file -> file.key()).containsExactly(redacted);
        assertThat(bed.calls().operation("S3:ListObjectsV2")).isEqualTo(2);
    }

    @Test
    void aTransferredLegIsJudgedOnItsOwnAgentLegAndItsAlertNamesTheInitialContact() {
        // GIVEN the second leg of a transfer: its own agent from 09:05 to 09:10, and no recording of it
        Instant connected = T0.plusSeconds(300);
        connect().contact(INSTANCE_ID, "c-24-leg2").previousContactId("c-24").initialContactId("c-24");
        completedAgentCall("c-24-leg2", connected, connected.plusSeconds(300));
        // the first leg's recording (earlier that hour) must not stand in for the second leg's
        putRecording(dayFolder("2024/05/01") + "c-24_20240501T09:05_UTC.wav", 300);

        // WHEN it is checked after the grace period
        checkAfterGrace(connected.plusSeconds(300));

        // THEN it is missing, judged on its own 300 s leg, and the alert leads an auditor to the chain's first contact
        TrackedContact leg = bed.contact("c-24-leg2");
        assertThat(leg.recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(leg.evidence().agentLegSeconds()).isEqualTo(300.0);
        assertThat(sns().published()).singleElement().satisfies(alert -> assertThat(alert.message())
                .contains("\"initialContactId\":\"c-24\"", "\"previousContactId\":\"c-24\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "exactly one second of audio in a short call       | 20  | 1     | false | recorded",
        "just under one second                              | 20  | 0.99  | false | empty",
        "half of a 100 s leg                                | 100 | 50    | false | recorded",
        "just under half of a 100 s leg                     | 100 | 49.9  | false | partial",
        "a 29 s leg is never partial                        | 29  | 2     | false | recorded",
        "Connect's null start and stop: the size decides    | 100 | 40    | true  | partial",
    })
    void verdictsAtTheirEdgesFromRealFileSizes(String edge, long legSeconds, double audioSeconds,
            boolean reportedWithoutTimestamps, String outcome) {
        // GIVEN an agent leg of the given length and a recording file of the given audio, in s3proxy
        String contactId = "edge-" + Math.abs(edge.hashCode());
        String key = dayFolder("2024/05/01") + contactId + "_20240501T09:01_UTC.wav";
        if (reportedWithoutTimestamps) {
            connect().contact(INSTANCE_ID, contactId).recording(ScriptedContact.Recording.of(bed.bucket() + "/" + key,
                    T0.plusSeconds(legSeconds + 1)).withoutTimestamps());
        }
        completedAgentCall(contactId, T0, T0.plusSeconds(legSeconds));
        putRecording(key, audioSeconds);

        // WHEN it is checked after the grace period
        Map<String, Object> summary = checkAfterGrace(T0.plusSeconds(legSeconds));

        // THEN the verdict is the edge's, with the file's size as evidence
        assertThat(outcome(summary, outcome)).as(HandlerTestBed.outcomes(summary)).isEqualTo(1);
        assertThat(bed.contact(contactId).evidence().files()).singleElement().satisfies(file ->
                assertThat(file.sizeBytes()).isEqualTo(StoredRecording.sizeOf(audioSeconds)));
        assertThat(bed.contact(contactId).evidence().measuredBy()).isEqualTo("FILE_SIZE");
    }

    @Test
    void theMinuteScheduleChecksOnlyContactsPastTheirGracePeriodAndListsNothingElse() {
        // GIVEN two completed calls, one whose grace period is over, one still within it (its recording may upload)
        completedAgentCall("c-over", T0, T0.plusSeconds(60));
        completedAgentCall("c-within", T0.plus(GRACE), T0.plus(GRACE).plusSeconds(60));
        bed.clock().set(T0.plusSeconds(60).plus(GRACE).plusSeconds(61));
        long s3Before = bed.calls().service("S3");

        // WHEN the one-minute check schedule runs
        Map<String, Object> summary = bed.checkHandler().handleRequest(Map.of(
                CheckRecordingsHandler.PAST_GRACE_PERIOD_ONLY_FIELD, true), FakeLambdaContext.withPlentyOfTime());

        // THEN only the first is judged (a leak), and the second's prefix was not even listed
        assertThat(HandlerTestBed.outcomes(summary)).isEqualTo("{missing=1}");
        assertThat(bed.contact("c-over").recordingState()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(bed.contact("c-within").recordingState()).isNull();
        assertThat(bed.contact("c-within").open()).isTrue();
        assertThat(bed.calls().service("S3") - s3Before).as("S3 requests: the judged contact's listings only")
                .isPositive().isLessThanOrEqualTo(2);
    }
}
