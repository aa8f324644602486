package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.List;

/**
 * What a verdict was based on, kept with it for the auditor: the files found (key and size), the seconds of audio
 * they hold by the measure used (Connect's recorded span when it gives one, else the file size), the length of the
 * agent leg, and for a deleted recording Connect's reason.
 *
 * @param recordedSeconds null when nothing was found
 * @param measuredBy {@code CONNECT} (Connect's start and stop times), {@code FILE_SIZE}, or null
 * @param agentLegSeconds from the agent's connection to the disconnect; null when either is unknown
 */
public record RecordingEvidence(List<StoredRecording> files, Double recordedSeconds, String measuredBy,
        Double agentLegSeconds, String deletionReason) {

    public static final String MEASURED_BY_CONNECT = "CONNECT";
    public static final String MEASURED_BY_FILE_SIZE = "FILE_SIZE";

    public RecordingEvidence {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public static RecordingEvidence none(Double agentLegSeconds) {
        return new RecordingEvidence(List.of(), null, null, agentLegSeconds, null);
    }
}
