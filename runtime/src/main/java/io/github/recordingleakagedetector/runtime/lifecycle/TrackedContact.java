package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A contact item as read from the table. {@code version} is what every conditional write checks, so a writer
 * that read an older copy loses the race instead of overwriting a newer state.
 *
 * @param behaviour the recording-behaviour changes its flows logged
 * @param updatedAt last change; null once the contact is closed
 * @param observed what Connect said of the contact (DescribeContact answers and contact events, merged), null
 *     until it said anything
 * @param recordingState the verdict, null until one is reached
 * @param evidence what the verdict rests on, null until one is reached
 * @param ivrVerdict the verdict on the IVR recording, null unless one was expected and checked
 * @param searchedLocations where the recording check looked (for the alert)
 * @param alertPendingSince when an alert was claimed but not yet confirmed sent, else null
 * @param alertedAt when the contact's alert was confirmed sent, else null
 * @param reportingDay the day whose figures and evidence hold the contact; null only on items written before
 *     reporting days existed
 * @param lastEventAt when a Connect contact event last changed the contact, null when none did
 * @param seenRecordings the recording files the bucket's S3 events told of (deleted ones marked), empty when none did
 */
public record TrackedContact(
        String contactId,
        String instanceId,
        ContactState state,
        long version,
        RecordingBehaviour behaviour,
        String contactFlowName,
        Instant createdAt,
        Instant updatedAt,
        ContactSnapshot observed,
        int describeNotFoundCount,
        String lastDescribeError,
        RecordingState recordingState,
        RecordingEvidence evidence,
        IvrVerdict ivrVerdict,
        List<String> searchedLocations,
        Instant alertPendingSince,
        Instant alertedAt,
        LocalDate reportingDay,
        Instant lastEventAt,
        List<SeenRecording> seenRecordings) {

    public TrackedContact {
        searchedLocations = searchedLocations == null ? List.of() : List.copyOf(searchedLocations);
        seenRecordings = seenRecordings == null ? List.of() : List.copyOf(seenRecordings);
    }

    public Optional<ContactSnapshot> observation() {
        return Optional.ofNullable(observed);
    }

    /** Whether the verdict is reached or being alerted: flow-log events cannot change it any more. */
    public boolean decided() {
        return recordingState != null || ivrVerdict != null || alertPendingSince != null
                || state == ContactState.UNVERIFIABLE;
    }

    /** Whether a step still has work on it (it is in the work index). */
    public boolean open() {
        return updatedAt != null;
    }

    public Duration trackedFor(Instant now) {
        return Duration.between(createdAt, now);
    }
}
