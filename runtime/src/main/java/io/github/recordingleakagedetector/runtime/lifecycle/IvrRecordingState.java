package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * The verdict on the recording of a contact's automated interaction (IVR), when a flow turned IVR recording on and
 * the detector checks IVR recordings; stored in the table attribute {@code IvrRecordingState}. Connect keeps it in a
 * file of its own, which never stands in for the agent leg's recording, nor the other way round.
 */
public enum IvrRecordingState {
    /** An IVR recording with audio exists. */
    IVR_RECORDED_SUCCESS(false),
    /** No IVR recording after the grace period: a leak. */
    IVR_RECORDED_FAILURE(true),
    /** The IVR recording holds less than a second of audio: a leak. */
    IVR_RECORDED_EMPTY(true);

    private final boolean leak;

    IvrRecordingState(boolean leak) {
        this.leak = leak;
    }

    public boolean leak() {
        return leak;
    }
}
