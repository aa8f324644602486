package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Lands each planned recording (the agent leg's, and the IVR's) in the bucket once the simulated time reaches its
 * upload, with the size a WAV of its audio has; leaks and deleted recordings never land.
 */
final class RecordingUploads {
    /** A file landing: its key, when, and the seconds of audio it holds. */
    record Upload(String key, Instant at, double seconds) {
    }

    private final Deque<Upload> due;
    private final LocalS3 s3;
    private final String bucket;

    RecordingUploads(List<PlannedContact> plan, LocalS3 s3, String bucket) {
        this.due = new ArrayDeque<>(of(plan));
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Every file the plan lands, in landing order. */
    static List<Upload> of(List<PlannedContact> plan) {
        List<Upload> uploads = new ArrayList<>();
        for (PlannedContact contact : plan) {
            if (contact.recordingKey() != null && contact.recording() != PlannedContact.RecordingOutcome.DELETED) {
                uploads.add(new Upload(contact.recordingKey(), contact.recordingAvailableAt(), contact.recordedSeconds()));
            }
            if (contact.ivrKey() != null) {
                uploads.add(new Upload(contact.ivrKey(), contact.ivrAvailableAt(), contact.ivrSeconds()));
            }
        }
        uploads.sort(Comparator.comparing(Upload::at));
        return uploads;
    }

    /** Uploads the recordings due by {@code now}; returns how many. */
    int landUntil(Instant now) {
        int landed = 0;
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            Upload upload = due.poll();
            s3.seedRecording(bucket, upload.key(), upload.seconds());
            landed++;
        }
        return landed;
    }

    boolean done() {
        return due.isEmpty();
    }
}
