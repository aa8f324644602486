package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.List;

/** The verdict on a contact's IVR recording and the files it rests on. */
public record IvrVerdict(IvrRecordingState state, List<StoredRecording> files) {
    public IvrVerdict {
        files = List.copyOf(files);
    }

    /** Recorded when a file holds at least a second of audio; empty when files hold less; missing without files. */
    public static IvrVerdict of(List<StoredRecording> files) {
        if (files.isEmpty()) {
            return new IvrVerdict(IvrRecordingState.IVR_RECORDED_FAILURE, files);
        }
        boolean audio = files.stream().anyMatch(file -> file.audioSeconds() >= RecordingRules.MINIMUM_AUDIO_SECONDS);
        return new IvrVerdict(audio ? IvrRecordingState.IVR_RECORDED_SUCCESS : IvrRecordingState.IVR_RECORDED_EMPTY,
                files);
    }
}
