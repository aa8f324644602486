package io.github.recordingleakagedetector.runtime.lifecycle;

/** The verdict on a {@code COMPLETED - AGENT} contact, stored in the table attribute {@code RecordingState}. */
public enum RecordingState {
    CALL_RECORDED_SUCCESS,
    CALL_RECORDED_FAILURE
}
