package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.MetricName;

/**
 * The one final category of every contact the detector learned of, for the coverage figures, the metrics and the
 * daily evidence. A contact without one yet is {@link #PENDING}. A new category is one constant here: the figures,
 * the files and the metric follow from it.
 */
public enum ContactCategory {
    /** The agent leg's recording exists and covers it. */
    RECORDED("recorded", true, MetricName.RecordingsVerified),
    /** No recording of the agent leg. */
    MISSING("missing", true, MetricName.RecordingsMissing),
    /** A recording with less than a second of audio. */
    EMPTY("empty", true, MetricName.RecordingsEmpty),
    /** A recording covering less than the required share of the agent leg. */
    PARTIAL("partial", true, MetricName.RecordingsPartial),
    /**
     * Connect reports the recording deleted. It was made, and then removed (a retention rule, an erasure request):
     * neither a pass nor a leak, so it is left out of the compliance ratio and listed for the auditor.
     */
    DELETED("deleted", false, MetricName.RecordingsDeleted),
    /** A flow turned recording off before the agent joined: nothing was to be recorded. */
    NOT_RECORDED_INTENTIONALLY("notRecordedIntentionally", false, MetricName.ContactsNotRecordedIntentionally),
    /** The contact never reached an agent: there was no agent leg to record. */
    NOT_APPLICABLE("notApplicable", false, MetricName.ContactsNotApplicable),
    /** Tracked past the maximum age without a verdict: it may have needed a recording, and nobody can say. */
    UNVERIFIABLE("unverifiable", true, MetricName.ContactsUnverifiable),
    /** No verdict yet. */
    PENDING("pending", false, null);

    private final String label;
    private final boolean required;
    private final MetricName metric;

    ContactCategory(String label, boolean required, MetricName metric) {
        this.label = label;
        this.required = required;
        this.metric = metric;
    }

    /** The name used in figures, file columns and reports. */
    public String label() {
        return label;
    }

    /** Whether the contact counts in the compliance ratio's denominator (it had to be recorded). */
    public boolean requiredRecording() {
        return required;
    }

    /** Whether the contact passed: it was recorded, or nothing was to be recorded. */
    public boolean passed() {
        return this == RECORDED || this == NOT_RECORDED_INTENTIONALLY || this == NOT_APPLICABLE;
    }

    /** The metric counted once as a contact reaches this category; null for {@link #PENDING}. */
    public MetricName metric() {
        return metric;
    }

    /** The category a contact's stored state amounts to. */
    public static ContactCategory of(TrackedContact contact) {
        if (contact.state() == ContactState.UNVERIFIABLE) {
            return UNVERIFIABLE;
        }
        if (contact.state() == ContactState.RECORDING_DISABLED) {
            return NOT_RECORDED_INTENTIONALLY;
        }
        if (contact.recordingState() != null) {
            return switch (contact.recordingState()) {
                case CALL_RECORDED_SUCCESS -> RECORDED;
                case CALL_RECORDED_FAILURE -> MISSING;
                case CALL_RECORDED_EMPTY -> EMPTY;
                case CALL_RECORDED_PARTIAL -> PARTIAL;
                case CALL_RECORDING_DELETED -> DELETED;
            };
        }
        if (contact.state() == ContactState.COMPLETED_QUEUE_IVR && !contact.open()) {
            return NOT_APPLICABLE;
        }
        return PENDING;
    }
}
