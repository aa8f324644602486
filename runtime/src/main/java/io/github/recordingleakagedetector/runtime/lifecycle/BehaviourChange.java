package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * One flow block setting recording behaviour at {@code at}: recording of the agent leg for {@code participants}, or
 * none (disabled) when the set is empty; and, independently, whether it turned on recording of the automated
 * interaction (IVR), which Connect records from that moment into a file of its own.
 */
public record BehaviourChange(Instant at, Set<Participant> participants, boolean ivr) {

    public BehaviourChange {
        participants = Set.copyOf(participants);
    }

    /** A change of the agent leg's recording only. */
    public BehaviourChange(Instant at, Set<Participant> participants) {
        this(at, participants, false);
    }

    public static BehaviourChange enabled(RecordingExpectation expectation) {
        return new BehaviourChange(expectation.setAt(), expectation.participants(), expectation.ivr());
    }

    public static BehaviourChange disabled(Instant at) {
        return new BehaviourChange(at, Set.of());
    }

    /** Whether the agent leg is recorded from this change on. */
    public boolean enables() {
        return !participants.isEmpty();
    }
}
