package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * Why a recording is expected: a flow block enabled recording of these participants at {@code setAt}
 * (the flow-log event's timestamp, used to order enable and disable events of the same contact), and with
 * {@code ivr} recording of the automated interaction too (then {@code participants} may be empty).
 */
public record RecordingExpectation(Set<Participant> participants, String contactFlowName, Instant setAt, boolean ivr) {
    public RecordingExpectation {
        participants = Set.copyOf(participants);
    }

    /** An expectation of the agent leg's recording only. */
    public RecordingExpectation(Set<Participant> participants, String contactFlowName, Instant setAt) {
        this(participants, contactFlowName, setAt, false);
    }
}
