package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * What Amazon Connect's DescribeContact said about a contact. Timestamps are null until the event happened;
 * {@code recordingLocations} are the S3 locations of its voice recordings, empty until Connect knows them.
 */
public record ContactSnapshot(
        Instant initiatedAt,
        Instant connectedToAgentAt,
        Instant disconnectedAt,
        String agentId,
        String queueId,
        String channel,
        String initiationMethod,
        String previousContactId,
        List<String> recordingLocations) {

    public ContactSnapshot {
        recordingLocations = recordingLocations == null ? List.of() : List.copyOf(recordingLocations);
    }
}
