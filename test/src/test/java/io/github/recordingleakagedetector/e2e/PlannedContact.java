package io.github.recordingleakagedetector.e2e;

import java.time.Instant;

/**
 * One contact of the simulated contact centre: its life cycle (null timestamps never happen) and what happens to
 * its recording. The plan is the ground truth the detector's verdicts are compared with.
 *
 * @param recordingKey where the recording lands in S3, null when none is ever written
 * @param recordingAvailableAt when it lands (and when DescribeContact starts reporting its location, if it does)
 * @param locationReported whether DescribeContact reports the recording's location
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
        boolean locationReported) {

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
        NOT_EXPECTED,
        /** Lands within two minutes of disconnect. */
        ON_TIME,
        /** Lands minutes later, still within the grace period. */
        LATE,
        /** Lands under a file name without the contact id; only DescribeContact's location finds it. */
        RENAMED,
        /** Never lands: the leak the detector must report. */
        LEAK
    }

    boolean reachesAgent() {
        return connectedToAgentAt != null;
    }

    boolean expectsVerdict() {
        return recording != RecordingOutcome.NOT_EXPECTED;
    }

    boolean isLeak() {
        return recording == RecordingOutcome.LEAK;
    }
}
