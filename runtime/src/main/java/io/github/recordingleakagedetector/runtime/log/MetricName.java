package io.github.recordingleakagedetector.runtime.log;

/**
 * Metrics the handlers emit in CloudWatch embedded metric format, in the namespace {@code METRICS_NAMESPACE}
 * with one dimension {@code Detector = DETECTOR_NAME}. The construct's alarms use these names (contract).
 */
public enum MetricName {
    /** A completed agent contact has no recording after the grace period (one per leak). */
    RecordingsMissing,
    /** A completed agent contact's recording holds less than a second of audio (one per leak). */
    RecordingsEmpty,
    /** A completed agent contact's recording covers too little of the agent leg (one per leak). */
    RecordingsPartial,
    /** Connect reports a completed agent contact's recording as deleted (not a leak). */
    RecordingsDeleted,
    /** A contact's IVR recording, expected because a flow turned it on, is missing or empty (one per leak). */
    IvrRecordingsMissing,
    /** A completed agent contact's recording was found. */
    RecordingsVerified,
    /** A contact was tracked past the maximum tracking age without a verdict. */
    ContactsUnverifiable,
    /** A contact's flow turned recording off before an agent joined: nothing was to be recorded. */
    ContactsNotRecordedIntentionally,
    /** A contact ended without reaching an agent: no agent leg to record. */
    ContactsNotApplicable,
    /** A flow-log event was read and applied (the blind-detector alarm watches that some keep coming). */
    FlowLogEventsIngested,
    /** DescribeContact requests a step made (the quota they use is per account and Region). */
    DescribeContactCalls,
    /** DescribeContact requests still throttled after the SDK's retries (the contact waits for the next run). */
    DescribeContactThrottled,
    /** A flow-log event could not be understood and was skipped. */
    MalformedLogEvents,
    /** A Connect contact event was applied to its contact (also when it brought nothing new: a duplicate). */
    ContactEventsApplied,
    /** A contact event was rejected: unparseable, of another instance, or of a type the detector does not use. */
    ContactEventsRejected,
    /** A contact event came before the flow log announced its contact: kept briefly for the announcement. */
    ContactEventsPending,
    /**
     * An S3 recording event (created or deleted) was applied to its contact's seen recordings, also when it changed
     * nothing (a repeat, or older than what was seen).
     */
    RecordingEventsApplied,
    /**
     * An S3 recording event named no open contact: a file whose name holds no contact id, or a contact not tracked or
     * already judged. Nothing is lost: the check lists the bucket for any contact whose recording was not seen.
     */
    RecordingEventsUnmatched;

    /** The name of the metric dimension whose value is {@code DETECTOR_NAME}. */
    public static final String DETECTOR_DIMENSION = "Detector";
}
