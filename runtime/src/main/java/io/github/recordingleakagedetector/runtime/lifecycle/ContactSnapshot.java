package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * What Amazon Connect's DescribeContact said about a contact. Timestamps are null until the event happened;
 * {@code recordings} are the voice recordings Connect reports, empty until Connect knows them.
 *
 * @param initialContactId the first contact of a transfer chain (the contact itself when not transferred)
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
        String initialContactId,
        List<ReportedRecording> recordings) {

    public ContactSnapshot {
        recordings = recordings == null ? List.of() : List.copyOf(recordings);
    }

    /**
     * This snapshot with the gaps filled from {@code other}: what is known stays (a contact has one initiation, one
     * first agent connection, one disconnect), so merging in any order, or twice, gives the same snapshot.
     */
    public ContactSnapshot mergedWith(ContactSnapshot other) {
        return new ContactSnapshot(
                first(initiatedAt, other.initiatedAt),
                first(connectedToAgentAt, other.connectedToAgentAt),
                first(disconnectedAt, other.disconnectedAt),
                first(agentId, other.agentId),
                first(queueId, other.queueId),
                first(channel, other.channel),
                first(initiationMethod, other.initiationMethod),
                first(previousContactId, other.previousContactId),
                first(initialContactId, other.initialContactId),
                recordings.isEmpty() ? other.recordings : recordings);
    }

    private static <T> T first(T known, T other) {
        return known != null ? known : other;
    }

    /** The recordings of the agent leg (not the automated interaction's). */
    public List<ReportedRecording> agentRecordings() {
        return recordings.stream().filter(r -> !r.ivr()).toList();
    }

    /** Where the available (not deleted) recordings are, as Connect reports them. */
    public List<String> recordingLocations() {
        return recordings.stream().filter(r -> !r.deleted() && r.hasLocation()).map(ReportedRecording::location)
                .toList();
    }
}
