package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.LocalS3;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/** Lands each planned recording in the bucket once the simulated time reaches its upload; leaks never land. */
final class RecordingUploads {
    private final Deque<PlannedContact> due;
    private final LocalS3 s3;
    private final String bucket;

    RecordingUploads(List<PlannedContact> plan, LocalS3 s3, String bucket) {
        this.due = new ArrayDeque<>(plan.stream()
                .filter(contact -> contact.recordingKey() != null)
                .sorted(Comparator.comparing(PlannedContact::recordingAvailableAt))
                .toList());
        this.s3 = s3;
        this.bucket = bucket;
    }

    /** Uploads the recordings due by {@code now}; returns how many. */
    int landUntil(Instant now) {
        int landed = 0;
        while (!due.isEmpty() && !due.peek().recordingAvailableAt().isAfter(now)) {
            s3.seedObject(bucket, due.poll().recordingKey(), "RIFF....WAVEfmt ");
            landed++;
        }
        return landed;
    }

    boolean done() {
        return due.isEmpty();
    }
}
