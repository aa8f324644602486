package io.github.recordingleakagedetector.construct;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The names the Lambda runtime expects, mirrored here because the construct must not depend on runtime classes (it
 * carries the runtime only as an embedded jar). Not a second hand-kept copy: {@code RuntimeContractDerivationTest}
 * (module {@code test}) derives all of it from the runtime's own {@code Handler}, {@code EnvironmentVariable},
 * {@code ContactTable} and {@code MetricName} and fails on any difference.
 */
final class RuntimeContract {

    private static final String HANDLER_PACKAGE = "io.github.recordingleakagedetector.runtime.handler.";

    /** Partition key (S) of the contact table. */
    static final String CONTACT_ID = "ContactId";
    /** The sparse GSI the handlers query: partition {@link #STATE}, sort {@link #UPDATED_AT}, all attributes. */
    static final String STATE_INDEX = "State-UpdatedAt-index";
    static final String STATE = "State";
    /** The daily-evidence GSI: partition {@link #REPORTING_DAY}, sort {@link #CONTACT_ID}, all attributes. */
    static final String REPORTING_DAY_INDEX = "ReportingDay-ContactId-index";
    /** {@code YYYY-MM-DD} in the reporting time zone (S). */
    static final String REPORTING_DAY = "ReportingDay";
    /** Epoch milliseconds (N). */
    static final String UPDATED_AT = "UpdatedAt";
    /** DynamoDB TTL attribute, epoch seconds (N). */
    static final String EXPIRES_AT = "ExpiresAt";

    /** Metric dimension whose value is {@code DETECTOR_NAME}. */
    static final String DETECTOR_DIMENSION = "Detector";
    static final String METRIC_RECORDINGS_MISSING = "RecordingsMissing";
    static final String METRIC_RECORDINGS_EMPTY = "RecordingsEmpty";
    static final String METRIC_RECORDINGS_PARTIAL = "RecordingsPartial";
    static final String METRIC_RECORDINGS_DELETED = "RecordingsDeleted";
    static final String METRIC_IVR_RECORDINGS_MISSING = "IvrRecordingsMissing";
    static final String METRIC_RECORDINGS_VERIFIED = "RecordingsVerified";
    static final String METRIC_CONTACTS_UNVERIFIABLE = "ContactsUnverifiable";
    static final String METRIC_MALFORMED_LOG_EVENTS = "MalformedLogEvents";
    static final String METRIC_CONTACTS_NOT_RECORDED_INTENTIONALLY = "ContactsNotRecordedIntentionally";
    static final String METRIC_CONTACTS_NOT_APPLICABLE = "ContactsNotApplicable";
    static final String METRIC_FLOW_LOG_EVENTS_INGESTED = "FlowLogEventsIngested";
    static final String METRIC_DESCRIBE_CONTACT_CALLS = "DescribeContactCalls";
    static final String METRIC_DESCRIBE_CONTACT_THROTTLED = "DescribeContactThrottled";
    /** Contact events applied to a tracked contact. */
    static final String METRIC_CONTACT_EVENTS_APPLIED = "ContactEventsApplied";
    /** Contact events that were unparseable, of another instance, or of an unknown type. */
    static final String METRIC_CONTACT_EVENTS_REJECTED = "ContactEventsRejected";
    /** Contact events for a contact the flow log has not announced yet, kept briefly. */
    static final String METRIC_CONTACT_EVENTS_PENDING = "ContactEventsPending";
    /** S3 recording events (created or deleted) applied to their contact's seen recordings. */
    static final String METRIC_RECORDING_EVENTS_APPLIED = "RecordingEventsApplied";
    /** S3 recording events that named no open contact (no contact id in the file name, untracked or judged). */
    static final String METRIC_RECORDING_EVENTS_UNMATCHED = "RecordingEventsUnmatched";

    /** The task input field carrying the execution's start time ({@code Handler.EXECUTION_START_TIME_FIELD}). */
    static final String EXECUTION_START_TIME_FIELD = "executionStartTime";

    /** The scheduled check's input field for contacts past their grace period only ({@code CheckRecordingsHandler}). */
    static final String CHECK_PAST_GRACE_PERIOD_ONLY_FIELD = "pastGracePeriodOnly";

    /** The input field that asks the evidence function for one day ({@code DailyEvidenceHandler.DAY_FIELD}). */
    static final String EVIDENCE_DAY_FIELD = "day";

    /** Every environment variable the runtime reads. */
    enum Env {
        CONTACT_TABLE_NAME,
        RECORDING_BUCKET_NAME,
        RECORDING_KEY_PREFIX,
        RECORDING_GRACE_PERIOD_SECONDS,
        ADDITIONAL_RECORDING_PREFIXES,
        MINIMUM_RECORDED_SHARE,
        MINIMUM_LEG_SECONDS_FOR_SHARE,
        CHECK_IVR_RECORDINGS,
        DESCRIBE_CONTACT_RATE_LIMIT,
        MAX_TRACKING_AGE_SECONDS,
        CONTACT_RETENTION_DAYS,
        ALERT_TOPIC_ARN,
        CONCURRENT_CONTACTS,
        SAFETY_MARGIN_SECONDS,
        REPORTING_TIME_ZONE,
        EVIDENCE_BUCKET_NAME,
        EVIDENCE_KEY_PREFIX,
        COMPLIANCE_TARGET_PERCENT,
        REPORT_TOPIC_ARN,
        METRICS_NAMESPACE,
        DETECTOR_NAME,
        CONNECT_INSTANCE_ARN,
        CONTACT_EVENTS,
        LIVE_CONTACT_EVENT_SILENCE_SECONDS,
        INITIALISED_CONTACT_EVENT_SILENCE_SECONDS,
        RECORDING_EVENTS
    }

    /**
     * The seven Lambda entry points, each with exactly the environment variables it reads. {@link #CONTACT_EVENTS} is
     * deployed only when the {@code contactEvents} prop is on.
     */
    enum Handler {
        FLOW_LOG_INGEST("FlowLogIngestHandler",
                Env.CONTACT_TABLE_NAME, Env.CONTACT_RETENTION_DAYS, Env.CONCURRENT_CONTACTS, Env.REPORTING_TIME_ZONE,
                Env.METRICS_NAMESPACE, Env.DETECTOR_NAME, Env.CONTACT_EVENTS),
        POLL_INITIALISED("PollInitialisedHandler",
                Env.CONTACT_TABLE_NAME, Env.DESCRIBE_CONTACT_RATE_LIMIT, Env.MAX_TRACKING_AGE_SECONDS, Env.ALERT_TOPIC_ARN,
                Env.SAFETY_MARGIN_SECONDS, Env.CONCURRENT_CONTACTS, Env.METRICS_NAMESPACE, Env.DETECTOR_NAME,
                Env.CONTACT_EVENTS, Env.LIVE_CONTACT_EVENT_SILENCE_SECONDS, Env.INITIALISED_CONTACT_EVENT_SILENCE_SECONDS),
        PURGE_QUEUE_CONTACTS("PurgeQueueContactsHandler",
                Env.CONTACT_TABLE_NAME, Env.CHECK_IVR_RECORDINGS, Env.SAFETY_MARGIN_SECONDS, Env.CONCURRENT_CONTACTS, Env.METRICS_NAMESPACE,
                Env.DETECTOR_NAME),
        POLL_IN_PROGRESS("PollInProgressHandler",
                Env.CONTACT_TABLE_NAME, Env.DESCRIBE_CONTACT_RATE_LIMIT, Env.MAX_TRACKING_AGE_SECONDS, Env.ALERT_TOPIC_ARN,
                Env.SAFETY_MARGIN_SECONDS, Env.CONCURRENT_CONTACTS, Env.METRICS_NAMESPACE, Env.DETECTOR_NAME,
                Env.CONTACT_EVENTS, Env.LIVE_CONTACT_EVENT_SILENCE_SECONDS, Env.INITIALISED_CONTACT_EVENT_SILENCE_SECONDS),
        CHECK_RECORDINGS("CheckRecordingsHandler",
                Env.CONTACT_TABLE_NAME, Env.RECORDING_BUCKET_NAME, Env.RECORDING_KEY_PREFIX,
                Env.ADDITIONAL_RECORDING_PREFIXES, Env.MINIMUM_RECORDED_SHARE, Env.MINIMUM_LEG_SECONDS_FOR_SHARE,
                Env.CHECK_IVR_RECORDINGS,
                Env.RECORDING_GRACE_PERIOD_SECONDS, Env.DESCRIBE_CONTACT_RATE_LIMIT, Env.ALERT_TOPIC_ARN,
                Env.SAFETY_MARGIN_SECONDS, Env.CONCURRENT_CONTACTS, Env.METRICS_NAMESPACE, Env.DETECTOR_NAME,
                Env.RECORDING_EVENTS),
        DAILY_EVIDENCE("DailyEvidenceHandler",
                Env.CONTACT_TABLE_NAME, Env.MAX_TRACKING_AGE_SECONDS, Env.CONTACT_RETENTION_DAYS,
                Env.REPORTING_TIME_ZONE, Env.EVIDENCE_BUCKET_NAME,
                Env.EVIDENCE_KEY_PREFIX, Env.COMPLIANCE_TARGET_PERCENT, Env.REPORT_TOPIC_ARN, Env.METRICS_NAMESPACE,
                Env.DETECTOR_NAME),
        /**
         * Applies Amazon Connect contact events (EventBridge, through an SQS queue) to the contacts, and, with
         * {@code recordingEvents}, the recording bucket's S3 events from the same queue to their contacts' seen
         * recordings (the recording locations tell it which keys are recordings).
         */
        CONTACT_EVENTS("ContactEventHandler",
                Env.CONTACT_TABLE_NAME, Env.CONNECT_INSTANCE_ARN, Env.CONCURRENT_CONTACTS, Env.METRICS_NAMESPACE,
                Env.DETECTOR_NAME, Env.RECORDING_BUCKET_NAME, Env.RECORDING_KEY_PREFIX,
                Env.ADDITIONAL_RECORDING_PREFIXES);

        private final String simpleClassName;
        private final Set<Env> environment;

        Handler(String simpleClassName, Env... environment) {
            this.simpleClassName = simpleClassName;
            this.environment = EnumSet.copyOf(Arrays.asList(environment));
        }

        /** The value of the function's {@code Handler} property. */
        String handlerString() {
            return HANDLER_PACKAGE + simpleClassName + "::handleRequest";
        }

        Set<Env> environment() {
            return environment;
        }
    }

    private RuntimeContract() {
    }
}
