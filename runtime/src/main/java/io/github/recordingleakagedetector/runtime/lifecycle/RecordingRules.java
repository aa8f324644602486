package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the files found for an agent leg amount to, free of any I/O: missing, deleted (Connect says so), empty (less
 * than a second of audio in every file), partial (less than {@code minimumRecordedShare} of an agent leg of at
 * least {@code minimumLegForShare}), or recorded.
 *
 * <p>The recorded seconds are Connect's recorded span when Connect gives start and stop times for every agent
 * recording, else the audio the files hold by their size. Pausing a recording (agent pause/resume) and holding the
 * customer keep the recording running or fill the gap with silence rather than cutting it out (see the README), so
 * an honest call's recording spans its whole agent leg and the default share of 0.5 leaves room for an agent who
 * kept recording paused for half the call.
 */
public final class RecordingRules {
    /** Less audio than this is an empty recording: a header, or a fraction of a second. */
    public static final double MINIMUM_AUDIO_SECONDS = 1;

    private final double minimumRecordedShare;
    private final Duration minimumLegForShare;

    /**
     * @param minimumRecordedShare 0 to 1; 0 switches the partial check off
     * @param minimumLegForShare agent legs shorter than this are not judged partial
     */
    public RecordingRules(double minimumRecordedShare, Duration minimumLegForShare) {
        if (!(minimumRecordedShare >= 0 && minimumRecordedShare <= 1)) {
            throw new IllegalArgumentException("minimumRecordedShare must be between 0 and 1, was "
                    + minimumRecordedShare);
        }
        this.minimumRecordedShare = minimumRecordedShare;
        this.minimumLegForShare = minimumLegForShare;
    }

    /** The verdict on the agent leg {@code seen} describes, given the agent-leg {@code files} found for it. */
    public Verdict judge(ContactSnapshot seen, List<StoredRecording> files) {
        Double legSeconds = agentLegSeconds(seen);
        List<ReportedRecording> reported = seen.agentRecordings();
        if (files.isEmpty()) {
            Optional<ReportedRecording> deleted = reported.stream().filter(ReportedRecording::deleted).findFirst();
            boolean allDeleted = !reported.isEmpty() && reported.stream().allMatch(ReportedRecording::deleted);
            if (allDeleted) {
                return new Verdict(RecordingState.CALL_RECORDING_DELETED, new RecordingEvidence(List.of(), null, null,
                        legSeconds, deleted.map(ReportedRecording::deletionReason).orElse(null)));
            }
            return new Verdict(RecordingState.CALL_RECORDED_FAILURE, RecordingEvidence.none(legSeconds));
        }
        double longestFile = files.stream().mapToDouble(StoredRecording::audioSeconds).max().orElse(0);
        List<ReportedRecording> available = reported.stream().filter(r -> !r.deleted()).toList();
        boolean connectSpans = !available.isEmpty() && available.stream().allMatch(r -> r.span().isPresent());
        double recorded = connectSpans
                ? available.stream().mapToDouble(r -> r.span().orElseThrow().toMillis() / 1000.0).sum()
                : files.stream().mapToDouble(StoredRecording::audioSeconds).sum();
        RecordingEvidence evidence = new RecordingEvidence(sorted(files), recorded,
                connectSpans ? RecordingEvidence.MEASURED_BY_CONNECT : RecordingEvidence.MEASURED_BY_FILE_SIZE,
                legSeconds, null);
        if (longestFile < MINIMUM_AUDIO_SECONDS) {
            // The file is what an auditor gets: whatever span Connect reports, a header holds no call.
            return new Verdict(RecordingState.CALL_RECORDED_EMPTY, evidence);
        }
        if (minimumRecordedShare > 0 && legSeconds != null && legSeconds >= minimumLegForShare.toSeconds()
                && recorded < minimumRecordedShare * legSeconds) {
            return new Verdict(RecordingState.CALL_RECORDED_PARTIAL, evidence);
        }
        return new Verdict(RecordingState.CALL_RECORDED_SUCCESS, evidence);
    }

    private static Double agentLegSeconds(ContactSnapshot seen) {
        return seen.connectedToAgentAt() == null || seen.disconnectedAt() == null
                ? null
                : Duration.between(seen.connectedToAgentAt(), seen.disconnectedAt()).toMillis() / 1000.0;
    }

    private static List<StoredRecording> sorted(List<StoredRecording> files) {
        return files.stream().sorted(Comparator.comparing(StoredRecording::key)).toList();
    }
}
