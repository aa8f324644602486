package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * The verdict on a {@code COMPLETED - AGENT} contact, stored in the table attribute {@code RecordingState}. The
 * first two are the original design's literals; the others say what a file that exists really holds, or that
 * Connect deleted the recording.
 */
public enum RecordingState {
    /** A recording of the agent leg exists, with audio for enough of the leg. */
    CALL_RECORDED_SUCCESS(false),
    /** No recording of the agent leg after the grace period (and Connect reports none): a leak. */
    CALL_RECORDED_FAILURE(true),
    /** The recording exists but holds less than a second of audio (a bare header): a leak. */
    CALL_RECORDED_EMPTY(true),
    /** The recording covers less than the required share of the agent leg: a leak. */
    CALL_RECORDED_PARTIAL(true),
    /** Connect reports the recording as deleted (with its reason): neither a leak nor a success. */
    CALL_RECORDING_DELETED(false);

    private final boolean leak;

    RecordingState(boolean leak) {
        this.leak = leak;
    }

    /** Whether the verdict is a leak: alerted, and counted against compliance. */
    public boolean leak() {
        return leak;
    }
}
