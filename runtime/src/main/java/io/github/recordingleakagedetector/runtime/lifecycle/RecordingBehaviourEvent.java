package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;

/** What a flow-log event says about recording. */
public sealed interface RecordingBehaviourEvent {

    /** A flow enabled recording of at least one participant. */
    record Enabled(String contactId, String instanceId, RecordingExpectation expectation)
            implements RecordingBehaviourEvent {
    }

    /** A flow disabled recording (or enabled it for nobody). */
    record Disabled(String contactId, String instanceId, Instant at) implements RecordingBehaviourEvent {
    }

    /** Any other flow block: nothing to do. */
    record Unrelated(String moduleType) implements RecordingBehaviourEvent {
    }
}
