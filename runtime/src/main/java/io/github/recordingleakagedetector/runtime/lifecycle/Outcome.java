package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * What a step did with one item, counted per run in {@link RunSummary} under its {@link #label()} (the labels are
 * what the Step Functions history, the metrics and the simulation report show, so they never change).
 */
public enum Outcome {
    // Flow-log ingestion
    /** A contact started being tracked, or reopened. */
    INITIALISED("initialised"),
    /** The change was known already, or the contact is decided. */
    DUPLICATES("duplicates"),
    /** An agent had joined with recording off: the contact is closed, intentionally not recorded (final). */
    DISABLED("disabled"),
    /**
     * A Disable for a contact not tracked yet, remembered (closed) so that its Enable, if delivered later, is weighed
     * against it: not yet final, since that Enable reopens it.
     */
    DISABLE_REMEMBERED("disableRemembered"),
    /** The behaviour history grew without a change of state. */
    UPDATED("updated"),
    /** A malformed flow-log event, logged and skipped. */
    SKIPPED("skipped"),
    /** A flow-log event that is not about recording behaviour. */
    IGNORED("ignored"),

    // Polling Connect
    /** Connect describes the contact as it was. */
    UNCHANGED("unchanged"),
    /** Connect does not know the contact (yet). */
    NOT_FOUND("notFound"),
    /** Connect rejected the request as invalid. */
    REJECTED("rejected"),
    /** DescribeContact was still throttled after the SDK's retries: the run stops. */
    THROTTLED("throttled"),
    /** DescribeContact failed otherwise; the contact waits for the next run. */
    DESCRIBE_FAILED("describeFailed"),
    /** Tracked past the maximum age without a verdict: reported. */
    UNVERIFIABLE("unverifiable"),
    /** Moved to a new state (labelled with the state, as the table writes it). */
    MOVED_TO_INITIALISED(ContactState.INITIALISED.value()),
    MOVED_TO_IN_PROGRESS_AGENT(ContactState.IN_PROGRESS_AGENT.value()),
    MOVED_TO_IN_PROGRESS_QUEUE_IVR(ContactState.IN_PROGRESS_QUEUE_IVR.value()),
    MOVED_TO_COMPLETED_AGENT(ContactState.COMPLETED_AGENT.value()),
    MOVED_TO_COMPLETED_QUEUE_IVR(ContactState.COMPLETED_QUEUE_IVR.value()),
    MOVED_TO_RECORDING_DISABLED(ContactState.RECORDING_DISABLED.value()),
    MOVED_TO_UNVERIFIABLE(ContactState.UNVERIFIABLE.value()),

    /** With contact events: an event said enough recently, so Connect is not asked. */
    AWAITING_EVENT("awaitingEvent"),

    // Contact events
    /** An event for a contact the flow log has not announced yet, kept briefly for the announcement. */
    EVENT_PENDING("eventPending"),
    /**
     * An event that cannot or must not be applied: unparseable, another instance's, an unused type, another bucket's,
     * a key outside the recording locations.
     */
    EVENT_REJECTED("eventRejected"),
    /** An S3 event of a recording file, applied to its contact's seen recordings (also when it changed nothing). */
    RECORDING_SEEN("recordingSeen"),
    /** An S3 event of a recording file that names no open contact: nothing to apply, the check lists instead. */
    RECORDING_UNMATCHED("recordingUnmatched"),

    // Purge
    /** A contact that never reached an agent, closed: nothing to record. */
    NOT_APPLICABLE("notApplicable"),

    // Recording check
    RECORDED("recorded"),
    MISSING("missing"),
    EMPTY("empty"),
    PARTIAL("partial"),
    DELETED("deleted"),
    IVR_RECORDED("ivrRecorded"),
    IVR_MISSING("ivrMissing"),
    IVR_EMPTY("ivrEmpty"),
    /** Within the grace period: the recording may still be uploading. */
    AWAITING_RECORDING("awaitingRecording"),
    /** The verdict waits because Connect could not be asked once more. */
    DEFERRED("deferred"),
    /** An alert claimed by an earlier run was sent again. */
    ALERT_RESENT("alertResent"),
    /** An alert claimed by another run that may still send it. */
    ALERT_IN_FLIGHT("alertInFlight"),

    // Any step
    /** Another run changed the contact first; it is left to that run. */
    RACE_LOST("raceLost");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The outcome of an agent-leg verdict. */
    public static Outcome of(RecordingState verdict) {
        return switch (verdict) {
            case CALL_RECORDED_SUCCESS -> RECORDED;
            case CALL_RECORDED_FAILURE -> MISSING;
            case CALL_RECORDED_EMPTY -> EMPTY;
            case CALL_RECORDED_PARTIAL -> PARTIAL;
            case CALL_RECORDING_DELETED -> DELETED;
        };
    }

    /** The outcome of an IVR verdict. */
    public static Outcome of(IvrRecordingState verdict) {
        return switch (verdict) {
            case IVR_RECORDED_SUCCESS -> IVR_RECORDED;
            case IVR_RECORDED_FAILURE -> IVR_MISSING;
            case IVR_RECORDED_EMPTY -> IVR_EMPTY;
        };
    }

    /** The outcome of moving a contact to {@code state}. */
    public static Outcome movedTo(ContactState state) {
        return switch (state) {
            case INITIALISED -> MOVED_TO_INITIALISED;
            case IN_PROGRESS_AGENT -> MOVED_TO_IN_PROGRESS_AGENT;
            case IN_PROGRESS_QUEUE_IVR -> MOVED_TO_IN_PROGRESS_QUEUE_IVR;
            case COMPLETED_AGENT -> MOVED_TO_COMPLETED_AGENT;
            case COMPLETED_QUEUE_IVR -> MOVED_TO_COMPLETED_QUEUE_IVR;
            case RECORDING_DISABLED -> MOVED_TO_RECORDING_DISABLED;
            case UNVERIFIABLE -> MOVED_TO_UNVERIFIABLE;
        };
    }
}
