package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.ScriptedContact;
import java.util.List;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;

/**
 * Teaches the Connect simulator the planned contacts: DescribeContact then shows each as of the simulated time.
 * One contact in twenty is unknown to DescribeContact for its first minutes, as a freshly started contact can be.
 */
final class ScriptedCentre {
    static final java.time.Duration UNKNOWN_FOR = java.time.Duration.ofMinutes(7);

    private final ConnectSimulator connect;
    private final ContactCentre centre;

    ScriptedCentre(ConnectSimulator connect, ContactCentre centre) {
        this.connect = connect;
        this.centre = centre;
    }

    /** Decided by the contact id, so the same plan gives the same not-found contacts. */
    static boolean unknownForAWhile(PlannedContact contact) {
        return Math.floorMod(contact.contactId().hashCode(), 20) == 0;
    }

    /** The recording as DescribeContact reports it: from the agent's connection to where the recording stopped. */
    private ScriptedContact.Recording reported(PlannedContact planned) {
        ScriptedContact.Recording recording = ScriptedContact.Recording.of(centre.location(planned),
                planned.recordingAvailableAt());
        if (planned.recording() == PlannedContact.RecordingOutcome.PARTIAL) {
            recording = recording.withTimestamps(planned.connectedToAgentAt(),
                    planned.connectedToAgentAt().plusSeconds((long) planned.recordedSeconds()));
        }
        return planned.recording() == PlannedContact.RecordingOutcome.DELETED
                ? recording.deleted(planned.recordingAvailableAt(), "Deleted by the contact centre's retention rule")
                : recording;
    }

    void script(List<PlannedContact> plan) {
        for (PlannedContact planned : plan) {
            ScriptedContact contact = connect.contact(FlowLogDeliveries.INSTANCE_ID, planned.contactId())
                    .initiatedAt(planned.initiatedAt())
                    .disconnectedAt(planned.disconnectedAt());
            if (planned.previousContactId() != null) {
                contact.initiationMethod(ContactInitiationMethod.TRANSFER).previousContactId(planned.previousContactId())
                        .initialContactId(planned.previousContactId());
            }
            if (planned.enqueuedAt() != null) {
                contact.enqueuedAt(planned.enqueuedAt(), planned.queueId());
            }
            if (planned.reachesAgent()) {
                contact.connectedToAgentAt(planned.connectedToAgentAt(), planned.agentId());
            }
            if (planned.locationReported()) {
                contact.recording(reported(planned));
            }
            if (unknownForAWhile(planned)) {
                connect.notFoundUntil(planned.contactId(), planned.initiatedAt().plus(UNKNOWN_FOR));
            }
        }
    }
}
