package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Arrays;

/**
 * Where a tracked contact is in its life, stored verbatim in the table attribute {@code State}.
 * The first five are the original design's literal values; the last two close a contact without a recording verdict.
 */
public enum ContactState {
    /** A flow set recording behaviour; Connect has not been asked about the contact yet. */
    INITIALISED("INITIALISED"),
    IN_PROGRESS_AGENT("IN_PROGRESS - AGENT"),
    IN_PROGRESS_QUEUE_IVR("IN_PROGRESS - QUEUE/IVR"),
    /** Disconnected after speaking to an agent: a recording is expected. */
    COMPLETED_AGENT("COMPLETED - AGENT"),
    /** Disconnected before reaching an agent: nothing to record; closed as not applicable by the purge. */
    COMPLETED_QUEUE_IVR("COMPLETED - QUEUE/IVR"),
    /** A later flow block disabled recording: nothing is expected any more. */
    RECORDING_DISABLED("RECORDING_DISABLED"),
    /** Tracked past the maximum tracking age without a verdict (e.g. never describable): reported, not dropped. */
    UNVERIFIABLE("UNVERIFIABLE");

    private final String value;

    ContactState(String value) {
        this.value = value;
    }

    /** The literal stored in the table. */
    public String value() {
        return value;
    }

    public boolean inProgress() {
        return this == IN_PROGRESS_AGENT || this == IN_PROGRESS_QUEUE_IVR;
    }

    public static ContactState fromValue(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown contact state '" + value + "'"));
    }
}
