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
    private record Upload(String key, Instant at, double seconds) {
    }

    private final Deque<Upload> due;
    private final LocalS3 s3;
    private final String bucket;

    RecordingUploads(List<PlannedContact> plan, LocalS3 s3, String bucket) {
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
        this.due = new ArrayDeque<>(uploads);
        this.s3 = s3;
        this.bucket = bucket;
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
