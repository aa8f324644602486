package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * Everything a check concluded about one contact: the verdict on its agent leg (null for a contact that never
 * reached an agent) and on its IVR recording (null when none was expected or IVR recordings are not checked).
 */
public record ContactVerdict(Verdict agent, IvrVerdict ivr) {

    public ContactVerdict {
        if (agent == null && ivr == null) {
            throw new IllegalArgumentException("A contact verdict needs a verdict on the agent leg or the IVR");
        }
    }

    /** Whether either recording leaks: the contact is alerted. */
    public boolean leak() {
        return agent != null && agent.state().leak() || ivr != null && ivr.state().leak();
    }

    /** Whether a verdict may be reached at once: nothing is amiss, so waiting for the grace period changes nothing. */
    boolean settled() {
        boolean agentSettled = agent == null || agent.state() == RecordingState.CALL_RECORDED_SUCCESS
                || agent.state() == RecordingState.CALL_RECORDING_DELETED;
        return agentSettled && (ivr == null || ivr.state() == IvrRecordingState.IVR_RECORDED_SUCCESS);
    }
}
