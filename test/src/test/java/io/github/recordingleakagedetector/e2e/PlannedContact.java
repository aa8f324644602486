package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import java.time.Instant;

/**
 * One contact of the simulated contact centre: its life cycle (null timestamps never happen) and what happens to
 * its recordings. The plan is the ground truth the detector's verdicts are compared with.
 *
 * @param recordingKey where the agent leg's recording lands in S3, null when none is ever written
 * @param recordingAvailableAt when it lands (and when DescribeContact starts reporting it, if it does)
 * @param recordedSeconds the audio the file holds (0: a bare WAV header)
 * @param locationReported whether DescribeContact reports the recording (for a deleted one, as deleted)
 * @param ivr what happens to the IVR recording, when the flow turns IVR recording on
 * @param ivrKey where the IVR recording lands, null when none is ever written
 */
record PlannedContact(
        String contactId,
        Kind kind,
        Instant initiatedAt,
        String previousContactId,
        Instant enqueuedAt,
        String queueId,
        Instant connectedToAgentAt,
        String agentId,
        Instant disconnectedAt,
        String recordedParticipants,
        Instant recordingDisabledAt,
        RecordingOutcome recording,
        String recordingKey,
        Instant recordingAvailableAt,
        double recordedSeconds,
        boolean locationReported,
        IvrOutcome ivr,
        String ivrKey,
        Instant ivrAvailableAt,
        double ivrSeconds) {

    enum Kind {
        /** Ends in the IVR: never queued. */
        IVR_ONLY,
        /** Hangs up while queued. */
        ABANDONED_IN_QUEUE,
        /** Talks to an agent. */
        HANDLED_BY_AGENT,
        /** The second leg of a transfer: a new contact id, initiated by TRANSFER, handled by another agent. */
        TRANSFERRED,
        /** A flow turns recording on and then off again before the agent answers. */
        RECORDING_DISABLED
    }

    enum RecordingOutcome {
        /** No recording is expected. */
        NOT_EXPECTED(false),
        /** Lands within two minutes of disconnect. */
        ON_TIME(false),
        /** Lands minutes later, still within the grace period. */
        LATE(false),
        /** Lands under a file name without the contact id; only DescribeContact's location finds it. */
        RENAMED(false),
        /** Only Contact Lens's redacted copy is kept (runs with an additional recording location). */
        REDACTED(false),
        /** Connect reports the recording as deleted: not a leak, not a success. */
        DELETED(false),
        /** Never lands: the leak the detector must report. */
        LEAK(true),
        /** Lands as a bare WAV header: a leak. */
        EMPTY(true),
        /** Stops long before the call ends: a leak. */
        PARTIAL(true);

        private final boolean leak;

        RecordingOutcome(boolean leak) {
            this.leak = leak;
        }

        boolean leak() {
            return leak;
        }
    }

    enum IvrOutcome {
        /** The flow does not turn IVR recording on. */
        NOT_EXPECTED,
        /** The IVR recording lands. */
        RECORDED,
        /** It never lands: a leak, when IVR recordings are checked. */
        MISSING
    }

    boolean reachesAgent() {
        return connectedToAgentAt != null;
    }

    boolean expectsVerdict() {
        return recording != RecordingOutcome.NOT_EXPECTED;
    }

    /** The category the day's evidence must give the contact. */
    ContactCategory category() {
        if (kind == Kind.RECORDING_DISABLED) {
            return ContactCategory.NOT_RECORDED_INTENTIONALLY;
        }
        return switch (recording) {
            case NOT_EXPECTED -> ContactCategory.NOT_APPLICABLE;
            case ON_TIME, LATE, RENAMED, REDACTED -> ContactCategory.RECORDED;
            case DELETED -> ContactCategory.DELETED;
            case LEAK -> ContactCategory.MISSING;
            case EMPTY -> ContactCategory.EMPTY;
            case PARTIAL -> ContactCategory.PARTIAL;
        };
    }

    /** Whether the detector must alert this contact: its agent leg's recording or its IVR recording leaks. */
    boolean isLeak() {
        return recording.leak() || ivr == IvrOutcome.MISSING;
    }
}
