package io.github.recordingleakagedetector.construct;

/**
 * The alarms a {@link RecordingLeakageDetector} creates, for {@link RecordingLeakageDetectorProps#getAlarms()} (switch
 * one off, or change its threshold or evaluation) and {@link RecordingLeakageDetector#getAlarm(DetectorAlarm)}.
 */
public enum DetectorAlarm {
    /** A completed agent contact has no recording after the grace period: Sum of {@code RecordingsMissing} &ge; 1. */
    RECORDINGS_MISSING("RecordingsMissingAlarm"),
    /** A recording holds less than a second of audio: Sum of {@code RecordingsEmpty} &ge; 1. */
    RECORDINGS_EMPTY("RecordingsEmptyAlarm"),
    /** A recording covers too little of the agent leg: Sum of {@code RecordingsPartial} &ge; 1. */
    RECORDINGS_PARTIAL("RecordingsPartialAlarm"),
    /** An expected IVR recording is missing or empty (only with {@code checkIvrRecordings}). */
    IVR_RECORDINGS_MISSING("IvrRecordingsMissingAlarm"),
    /** A contact got no verdict within {@code maxTrackingAge}: Sum of {@code ContactsUnverifiable} &ge; 1. */
    CONTACTS_UNVERIFIABLE("ContactsUnverifiableAlarm"),
    /** The ingest function failed: its {@code Errors} &ge; 1. */
    INGEST_ERRORS("IngestErrorsAlarm"),
    /** Flow-log events could not be understood and were skipped: Sum of {@code MalformedLogEvents} &ge; 1. */
    MALFORMED_LOG_EVENTS("MalformedLogEventsAlarm"),
    /** A workflow execution failed: {@code ExecutionsFailed} &ge; 1. */
    WORKFLOW_FAILED("WorkflowFailedAlarm"),
    /** A workflow execution timed out: {@code ExecutionsTimedOut} &ge; 1. */
    WORKFLOW_TIMED_OUT("WorkflowTimedOutAlarm"),
    /** Flow-log deliveries wait in the ingest failure queue: its maximum visible messages &ge; 1. */
    INGEST_FAILURES_QUEUED("IngestFailuresQueuedAlarm"),
    /**
     * Contact events were received 5 times without being applied and wait in the contact event dead-letter queue: its
     * maximum visible messages &ge; 1 (only with {@code contactEvents}).
     */
    CONTACT_EVENTS_DEAD_LETTERED("ContactEventsDeadLetteredAlarm"),
    /**
     * Contact events were rejected (unparseable, of another instance, or of an unknown type): Sum of
     * {@code ContactEventsRejected} &ge; 1 (only with {@code contactEvents}).
     */
    CONTACT_EVENTS_REJECTED("ContactEventsRejectedAlarm"),
    /** Blind detector: no workflow execution succeeded for {@code workflowSilencePeriod}; missing data breaches. */
    WORKFLOW_NOT_SUCCEEDING("WorkflowNotSucceedingAlarm"),
    /** Blind detector: no flow-log event ingested for {@code flowLogSilencePeriod}; missing data breaches. */
    FLOW_LOG_SILENCE("FlowLogSilenceAlarm"),
    /** Compliance over 24 hours below {@code complianceTarget} (only with a target). */
    COMPLIANCE_BELOW_TARGET("ComplianceBelowTargetAlarm"),
    /** The daily evidence function failed: its {@code Errors} &ge; 1 in an hour. */
    EVIDENCE_ERRORS("EvidenceErrorsAlarm");

    private final String constructId;

    DetectorAlarm(String constructId) {
        this.constructId = constructId;
    }

    /** The alarm's construct id under the detector (and so the start of its logical id). */
    public String constructId() {
        return constructId;
    }
}
