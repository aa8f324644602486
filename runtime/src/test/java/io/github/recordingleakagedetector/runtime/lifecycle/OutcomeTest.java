package io.github.recordingleakagedetector.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** Outcomes are counted by label in one map per run: two outcomes with one label would be counted as one. */
class OutcomeTest {

    @Test
    void everyOutcomeHasItsOwnLabel() {
        assertThat(Arrays.stream(Outcome.values()).map(Outcome::label)).doesNotHaveDuplicates();
    }

    @Test
    void aMoveIsLabelledWithTheStateAsTheTableWritesIt() {
        for (ContactState state : ContactState.values()) {
            assertThat(Outcome.movedTo(state).label()).as(state.name()).isEqualTo(state.value());
        }
    }

    @Test
    void eachVerdictHasItsOwnOutcome() {
        assertThat(Arrays.stream(RecordingState.values()).map(Outcome::of)).doesNotHaveDuplicates()
                .doesNotContain(Outcome.RACE_LOST);
        assertThat(Arrays.stream(IvrRecordingState.values()).map(Outcome::of)).doesNotHaveDuplicates()
                .doesNotContainAnyElementsOf(Arrays.stream(RecordingState.values()).map(Outcome::of).toList());
    }
}
