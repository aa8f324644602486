package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A voice recording Amazon Connect reports for a contact ({@code DescribeContact}'s {@code Contact.Recordings[]}).
 * Its {@code location} is authoritative (the file name is not guaranteed to hold the contact id); its start and stop
 * times, when Connect gives both, are the recorded span; a {@code DELETED} status with its reason says the recording
 * existed and was removed, which is not the same fact as a recording never made.
 *
 * @param participantType {@code AGENT}, {@code CUSTOMER}, {@code IVR}, ... or null when Connect does not say
 */
public record ReportedRecording(String location, String status, String participantType, Instant startedAt,
        Instant stoppedAt, String deletionReason) {

    public boolean deleted() {
        return "DELETED".equalsIgnoreCase(status);
    }

    /** A recording of the automated interaction (IVR) rather than of the agent leg. */
    public boolean ivr() {
        return participantType != null && participantType.toUpperCase(Locale.ROOT).equals("IVR");
    }

    public boolean hasLocation() {
        return location != null && !location.isBlank();
    }

    /** The recorded span, when Connect gives both ends. */
    public Optional<Duration> span() {
        return startedAt == null || stoppedAt == null || stoppedAt.isBefore(startedAt)
                ? Optional.empty()
                : Optional.of(Duration.between(startedAt, stoppedAt));
    }
}
