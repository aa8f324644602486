package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * One flow block setting recording behaviour at {@code at}: recording of {@code participants}, or none (disabled)
 * when the set is empty.
 */
public record BehaviourChange(Instant at, Set<Participant> participants) {

    public BehaviourChange {
        participants = Set.copyOf(participants);
    }

    public static BehaviourChange enabled(RecordingExpectation expectation) {
        return new BehaviourChange(expectation.setAt(), expectation.participants());
    }

    public static BehaviourChange disabled(Instant at) {
        return new BehaviourChange(at, Set.of());
    }

    public boolean enables() {
        return !participants.isEmpty();
    }
}
