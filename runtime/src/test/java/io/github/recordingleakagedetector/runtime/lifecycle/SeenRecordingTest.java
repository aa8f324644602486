package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** S3's events of one key, applied in any order and any number of times, leave what the newest one said. */
class SeenRecordingTest {
    private static final String KEY = "connect/acme/CallRecordings/2024/05/01/"
            + "0f3a8c1e-1111-4a2b-9c3d-5e6f7a8b9c0d_20240501T09:01_UTC.wav";

    private static SeenRecording created(String sequencer, long size) {
        return new SeenRecording(KEY, size, sequencer, false);
    }

    private static SeenRecording deleted(String sequencer) {
        return new SeenRecording(KEY, 0, sequencer, true);
    }

    @Test
    void sequencersOfDifferentLengthsCompareAfterRightPaddingWithZeros() {
        assertThat(SeenRecording.compareSequencers("0A", "0A00")).isZero();
        assertThat(SeenRecording.compareSequencers("0B", "0A99")).isPositive();
        assertThat(SeenRecording.compareSequencers("0A01", "0A")).isPositive();
        assertThat(SeenRecording.compareSequencers("0a01", "0A02")).isNegative();
        assertThat(SeenRecording.compareSequencers("", "00")).isZero();
    }

    @Test
    void everyOrderOfTheSameEventsEndsInTheNewest() {
        List<SeenRecording> events = List.of(created("0064D3901D00059242", 1_000), deleted("0064D3901D0005924300"),
                created("0064D3901D00059244", 2_000), created("0064D3901D00059242", 1_000));
        List<SeenRecording> reversed = new ArrayList<>(events);
        Collections.reverse(reversed);
        for (List<SeenRecording> order : List.of(events, reversed,
                List.of(events.get(2), events.get(0), events.get(3), events.get(1)))) {
            List<SeenRecording> seen = List.of();
            for (SeenRecording event : order) {
                seen = SeenRecording.merge(seen, event);
            }
            assertThat(seen).containsExactly(created("0064D3901D00059244", 2_000));
        }
    }

    @Test
    void onEqualSequencersADeletionWinsAndARepeatChangesNothing() {
        List<SeenRecording> seen = SeenRecording.merge(List.of(), created("", 1_000));
        assertThat(SeenRecording.merge(seen, created("", 1_000))).isSameAs(seen);
        assertThat(SeenRecording.merge(seen, deleted(""))).containsExactly(deleted(""));
        assertThat(SeenRecording.merge(List.of(deleted("")), created("", 1_000))).containsExactly(deleted(""));
    }

    @Test
    void theReaderTellsContactEventsFromRecordingEventsAndFindsTheContactInTheFileName() {
        QueuedEventReader reader = new QueuedEventReader(new ContactEventInterpreter("arn:instance"),
                new RecordingEventInterpreter("recordings", List.of("connect/acme/CallRecordings")));

        QueuedEvent event = reader.read("{\"detail-type\":\"Object Created\",\"time\":\"2024-05-01T09:03:00Z\","
                + "\"detail\":{\"bucket\":{\"name\":\"recordings\"},\"object\":{\"key\":\""
                + KEY.replace(":", "%3A") + "\",\"size\":32044}}}");

        assertThat(event).isInstanceOf(RecordingEvent.class);
        assertThat(event.contactId()).isEqualTo("0f3a8c1e-1111-4a2b-9c3d-5e6f7a8b9c0d");
        assertThat(((RecordingEvent) event).file()).isEqualTo(new SeenRecording(KEY, 32_044, "", false));
        assertThatThrownBy(() -> reader.read("{\"detail-type\":\"Object Restore Completed\",\"detail\":{}}"))
                .hasMessageContaining("detail-type 'Object Restore Completed' is none of 'Amazon Connect Contact Event', 'Object Created', 'Object Deleted'");
    }
}
