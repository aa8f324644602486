package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.Set;

/**
 * Why a recording is expected: a flow block enabled recording of these participants at {@code setAt}
 * (the flow-log event's timestamp, used to order enable and disable events of the same contact).
 */
public record RecordingExpectation(Set<Participant> participants, String contactFlowName, Instant setAt) {
    public RecordingExpectation {
        participants = Set.copyOf(participants);
    }
}
