package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * The original design's rule: a disconnect timestamp means completed, an agent-connected timestamp means the
 * contact reached an agent (and so must be recorded).
 */
public final class ContactClassifier {
    private ContactClassifier() {
    }

    public static ContactState classify(ContactSnapshot contact) {
        boolean completed = contact.disconnectedAt() != null;
        boolean reachedAgent = contact.connectedToAgentAt() != null;
        if (completed) {
            return reachedAgent ? ContactState.COMPLETED_AGENT : ContactState.COMPLETED_QUEUE_IVR;
        }
        return reachedAgent ? ContactState.IN_PROGRESS_AGENT : ContactState.IN_PROGRESS_QUEUE_IVR;
    }
}
