package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The verdict rules at their edges: what a file holds, against the agent leg it should cover. */
class RecordingRulesTest {
    private static final Instant CONNECTED = Instant.parse("2024-05-01T09:00:00Z");
    private static final RecordingRules RULES = new RecordingRules(0.5, Duration.ofSeconds(30));

    private static ContactSnapshot leg(double seconds, ReportedRecording... reported) {
        return new ContactSnapshot(CONNECTED.minusSeconds(20), CONNECTED,
                CONNECTED.plusMillis((long) (seconds * 1000)), "agent", "queue", "VOICE", "INBOUND", null, null,
                List.of(reported));
    }

    private static List<StoredRecording> file(double audioSeconds) {
        return List.of(new StoredRecording("k.wav", StoredRecording.sizeOf(audioSeconds)));
    }

    @ParameterizedTest(name = "{0} bytes: {1}")
    @CsvSource({
        "44,    CALL_RECORDED_EMPTY",
        "32043, CALL_RECORDED_EMPTY",
        "32044, CALL_RECORDED_SUCCESS",
    })
    void lessThanOneSecondOfAudioIsEmpty(long bytes, RecordingState expected) {
        // GIVEN a short agent leg (no share is required of it) and a file of the given size
        Verdict verdict = RULES.judge(leg(20), List.of(new StoredRecording("k.wav", bytes)));

        // THEN a bare header or less than a second (32,000 bytes after the 44-byte header) is empty
        assertThat(verdict.state()).isEqualTo(expected);
        assertThat(verdict.evidence().files()).containsExactly(new StoredRecording("k.wav", bytes));
        assertThat(verdict.evidence().measuredBy()).isEqualTo(RecordingEvidence.MEASURED_BY_FILE_SIZE);
    }

    @ParameterizedTest(name = "{1} s of a {0} s leg: {2}")
    @CsvSource({
        "100, 49.9, CALL_RECORDED_PARTIAL",
        "100, 50,   CALL_RECORDED_SUCCESS",
        "100, 100,  CALL_RECORDED_SUCCESS",
        "30,  14,   CALL_RECORDED_PARTIAL",
        "29.9, 1,   CALL_RECORDED_SUCCESS",
    })
    void aRecordingCoveringLessThanHalfOfALegOfThirtySecondsOrMoreIsPartial(double legSeconds, double audioSeconds,
            RecordingState expected) {
        Verdict verdict = RULES.judge(leg(legSeconds), file(audioSeconds));

        assertThat(verdict.state()).isEqualTo(expected);
        assertThat(verdict.evidence().agentLegSeconds()).isEqualTo(legSeconds);
        assertThat(verdict.evidence().recordedSeconds()).isCloseTo(audioSeconds, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void connectsRecordedSpanIsPreferredToTheFileSizeWhenItGivesOne() {
        // GIVEN a full-length file, but Connect reporting that the recording stopped 20 s into a 100 s leg
        ReportedRecording stoppedEarly = new ReportedRecording("b/k.wav", "AVAILABLE", "AGENT", CONNECTED,
                CONNECTED.plusSeconds(20), null);

        Verdict verdict = RULES.judge(leg(100, stoppedEarly), file(100));

        assertThat(verdict.state()).isEqualTo(RecordingState.CALL_RECORDED_PARTIAL);
        assertThat(verdict.evidence().recordedSeconds()).isEqualTo(20.0);
        assertThat(verdict.evidence().measuredBy()).isEqualTo(RecordingEvidence.MEASURED_BY_CONNECT);
    }

    @Test
    void withoutConnectsStartTimestampTheFileSizeDecides() {
        ReportedRecording noTimes = new ReportedRecording("b/k.wav", "AVAILABLE", "AGENT", null,
                CONNECTED.plusSeconds(20), null);

        Verdict verdict = RULES.judge(leg(100, noTimes), file(90));

        assertThat(verdict.state()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(verdict.evidence().measuredBy()).isEqualTo(RecordingEvidence.MEASURED_BY_FILE_SIZE);
    }

    @Test
    void aHeaderOnlyFileIsEmptyWhateverSpanConnectReports() {
        ReportedRecording fullSpan = new ReportedRecording("b/k.wav", "AVAILABLE", "AGENT", CONNECTED,
                CONNECTED.plusSeconds(100), null);

        assertThat(RULES.judge(leg(100, fullSpan), List.of(new StoredRecording("k.wav", 44))).state())
                .isEqualTo(RecordingState.CALL_RECORDED_EMPTY);
    }

    @Test
    void aRecordingConnectReportsAsDeletedIsDeletedWithItsReasonNotMissing() {
        ReportedRecording deleted = new ReportedRecording("b/k.wav", "DELETED", "AGENT", null, null,
                "Deleted by retention policy");

        Verdict verdict = RULES.judge(leg(100, deleted), List.of());

        assertThat(verdict.state()).isEqualTo(RecordingState.CALL_RECORDING_DELETED);
        assertThat(verdict.state().leak()).isFalse();
        assertThat(verdict.evidence().deletionReason()).isEqualTo("Deleted by retention policy");
    }

    @Test
    void nothingFoundAndNothingDeletedIsMissingAndADeletedIvrRecordingDoesNotExcuseIt() {
        ReportedRecording deletedIvr = new ReportedRecording("b/ivr.wav", "DELETED", "IVR", null, null, "retention");

        assertThat(RULES.judge(leg(100), List.of()).state()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
        assertThat(RULES.judge(leg(100, deletedIvr), List.of()).state()).isEqualTo(RecordingState.CALL_RECORDED_FAILURE);
    }

    @Test
    void aShareOfZeroSwitchesThePartialCheckOff() {
        RecordingRules noShare = new RecordingRules(0, Duration.ofSeconds(30));

        assertThat(noShare.judge(leg(600), file(2)).state()).isEqualTo(RecordingState.CALL_RECORDED_SUCCESS);
        assertThat(noShare.judge(leg(600), file(0.5)).state()).isEqualTo(RecordingState.CALL_RECORDED_EMPTY);
    }
}
