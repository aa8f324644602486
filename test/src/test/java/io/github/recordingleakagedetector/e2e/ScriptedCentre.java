package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import io.github.recordingleakagedetector.runtime.testing.ConnectSimulator;
import io.github.recordingleakagedetector.runtime.testing.ScriptedContact;
import java.util.List;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;

/** Teaches the Connect simulator the planned contacts: DescribeContact then shows each as of the simulated time. */
final class ScriptedCentre {
    private final ConnectSimulator connect;
    private final ContactCentre centre;

    ScriptedCentre(ConnectSimulator connect, ContactCentre centre) {
        this.connect = connect;
        this.centre = centre;
    }

    void script(List<PlannedContact> plan) {
        for (PlannedContact planned : plan) {
            ScriptedContact contact = connect.contact(FlowLogDeliveries.INSTANCE_ID, planned.contactId())
                    .initiatedAt(planned.initiatedAt())
                    .disconnectedAt(planned.disconnectedAt());
            if (planned.previousContactId() != null) {
                contact.initiationMethod(ContactInitiationMethod.TRANSFER).previousContactId(planned.previousContactId());
            }
            if (planned.enqueuedAt() != null) {
                contact.enqueuedAt(planned.enqueuedAt(), planned.queueId());
            }
            if (planned.reachesAgent()) {
                contact.connectedToAgentAt(planned.connectedToAgentAt(), planned.agentId());
            }
            if (planned.locationReported()) {
                contact.recording(centre.location(planned), planned.recordingAvailableAt());
            }
        }
    }
}
