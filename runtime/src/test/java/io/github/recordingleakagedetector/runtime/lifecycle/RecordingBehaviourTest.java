package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordingBehaviourTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");

    private static BehaviourChange enable(int second) {
        return new BehaviourChange(T0.plusSeconds(second), Set.of(Participant.AGENT, Participant.CUSTOMER));
    }

    private static BehaviourChange disable(int second) {
        return BehaviourChange.disabled(T0.plusSeconds(second));
    }

    @Test
    void theBehaviourInForceWhenTheAgentJoinedDecidesWhateverTheArrivalOrder() {
        // GIVEN enable at 0 s, disable at 20 s, enable at 40 s, recorded in the order they arrived: 40, 0, 20
        RecordingBehaviour behaviour = RecordingBehaviour.of(List.of(enable(40))).with(enable(0)).with(disable(20));

        assertThat(behaviour.changes()).containsExactly(enable(0), disable(20), enable(40));
        assertThat(behaviour.expectsRecordingWithAgentAt(T0.plusSeconds(10))).isTrue();
        assertThat(behaviour.expectsRecordingWithAgentAt(T0.plusSeconds(20))).isFalse();
        assertThat(behaviour.expectsRecordingWithAgentAt(T0.plusSeconds(30))).isFalse();
        assertThat(behaviour.expectsRecordingWithAgentAt(T0.plusSeconds(40))).isTrue();
    }

    @Test
    void whenEveryChangeCameAfterTheAgentJoinedTheFirstOneDecides() {
        assertThat(RecordingBehaviour.of(List.of(enable(60), disable(90))).expectsRecordingWithAgentAt(T0)).isTrue();
        assertThat(RecordingBehaviour.of(List.of(disable(60), enable(90))).expectsRecordingWithAgentAt(T0)).isFalse();
    }

    @Test
    void aRedeliveredChangeIsNotRecordedTwice() {
        RecordingBehaviour behaviour = RecordingBehaviour.of(List.of(enable(0))).with(enable(0));

        assertThat(behaviour.changes()).hasSize(1);
        assertThat(behaviour.contains(enable(0))).isTrue();
    }

    @Test
    void aRecordingMayBeExpectedOnlyIfSomeChangeEnablesIt() {
        assertThat(RecordingBehaviour.of(List.of(disable(0))).mayExpectRecording()).isFalse();
        assertThat(RecordingBehaviour.of(List.of(disable(0), enable(5))).mayExpectRecording()).isTrue();
    }
}
