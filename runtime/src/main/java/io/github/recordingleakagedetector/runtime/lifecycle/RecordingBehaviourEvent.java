package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;

/** What a flow-log event says about recording. */
public sealed interface RecordingBehaviourEvent {

    /** A recording-behaviour change of one contact, at the block's time. */
    sealed interface ContactChange extends RecordingBehaviourEvent {
        String contactId();

        String instanceId();

        Instant at();
    }

    /** A flow enabled recording of at least one participant. */
    record Enabled(String contactId, String instanceId, RecordingExpectation expectation) implements ContactChange {
        @Override
        public Instant at() {
            return expectation.setAt();
        }
    }

    /** A flow disabled recording (or enabled it for nobody). */
    record Disabled(String contactId, String instanceId, Instant at) implements ContactChange {
    }

    /** Any other flow block: nothing to do. */
    record Unrelated(String moduleType) implements RecordingBehaviourEvent {
    }
}
