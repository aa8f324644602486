package io.github.recordingleakagedetector.construct;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * Every default of {@link RecordingLeakageDetector}, in one place. The runtime has none of its own: the construct sets
 * every variable a function reads (a missing one fails its cold start), so these values are the only defaults there
 * are. The README's props and environment tables are checked against them by a test.
 */
public final class RecordingLeakageDetectorDefaults {

    /** {@code schedule}: every 5 minutes on the minute mod 5 (13:00, 13:05, ...), UTC. */
    public static final String SCHEDULE_EXPRESSION = "cron(0/5 * * * ? *)";
    /** {@code recordingGracePeriod}: how long after disconnect a recording may still arrive. */
    public static final Duration RECORDING_GRACE_PERIOD = Duration.minutes(15);
    /** {@code minimumRecordedShare}: share of the agent leg a recording must cover. */
    public static final double MINIMUM_RECORDED_SHARE = 0.5;
    /** {@code minimumLegForRecordedShare}: agent legs shorter than this are not judged partial. */
    public static final Duration MINIMUM_LEG_FOR_RECORDED_SHARE = Duration.seconds(30);
    /** {@code checkIvrRecordings}. */
    public static final boolean CHECK_IVR_RECORDINGS = false;
    /** {@code describeContactRateLimit}: requests per second per function instance. */
    public static final double DESCRIBE_CONTACT_RATE_LIMIT = 2;
    /** {@code maxTrackingAge}: after this a contact without a verdict is reported unverifiable. */
    public static final Duration MAX_TRACKING_AGE = Duration.hours(24);
    /** {@code contactRetention}: DynamoDB TTL of contact items. */
    public static final Duration CONTACT_RETENTION = Duration.days(90);
    /** {@code memorySize} of every function, in MB. */
    public static final int MEMORY_SIZE = 1024;
    /** {@code architecture} of every function. */
    public static final Architecture ARCHITECTURE = Architecture.ARM_64;
    /** {@code workflowFunctionTimeout} for a STANDARD state machine. */
    public static final Duration STANDARD_WORKFLOW_FUNCTION_TIMEOUT = Duration.minutes(4);
    /** {@code workflowFunctionTimeout} for an EXPRESS state machine (three tasks in its 5 minutes). */
    public static final Duration EXPRESS_WORKFLOW_FUNCTION_TIMEOUT = Duration.seconds(90);
    /** {@code logRetention} of every function's and the state machine's log group. */
    public static final RetentionDays LOG_RETENTION = RetentionDays.THREE_MONTHS;
    /** {@code applicationLogLevel} of every function. */
    public static final ApplicationLogLevel APPLICATION_LOG_LEVEL = ApplicationLogLevel.INFO;
    /** {@code metricsNamespace}. */
    public static final String METRICS_NAMESPACE = "RecordingLeakageDetector";
    /** {@code reportingTimeZone}: the contact centre's day. */
    public static final String REPORTING_TIME_ZONE = "UTC";
    /** {@code flowLogSilencePeriod} of the flow-log silence alarm. */
    public static final Duration FLOW_LOG_SILENCE_PERIOD = Duration.hours(24);
    /** {@code workflowSilencePeriod} of the workflow-not-succeeding alarm. */
    public static final Duration WORKFLOW_SILENCE_PERIOD = Duration.minutes(15);
    /** {@code contactEvents}: the detector consumes Amazon Connect's contact events (EventBridge). */
    public static final boolean CONTACT_EVENTS = true;
    /** {@code liveContactEventSilence}: a live contact whose last contact event is younger than this is not polled. */
    public static final Duration LIVE_CONTACT_EVENT_SILENCE = Duration.minutes(30);
    /** {@code initialisedContactEventSilence}: an initialised contact with no event yet is not polled until this old. */
    public static final Duration INITIALISED_CONTACT_EVENT_SILENCE = Duration.minutes(10);
    /** {@code checkSchedule} (with contact events): the recordings check runs every minute, between workflow runs. */
    public static final String CHECK_SCHEDULE_EXPRESSION = "rate(1 minute)";
    /**
     * {@code recordingEvents}: the recording bucket's S3 events are not used (only its owner can send them to
     * EventBridge).
     */
    public static final boolean RECORDING_EVENTS = false;
    /** Key prefix of the daily evidence in the evidence bucket (not a prop). */
    public static final String EVIDENCE_KEY_PREFIX = "evidence";
    /** A function takes no new work when less than this much invocation time remains (not a prop). */
    public static final Duration SAFETY_MARGIN = Duration.seconds(20);
    /** Contacts a function works on at once; the rate limit still paces DescribeContact (not a prop). */
    public static final int CONCURRENT_CONTACTS = 8;

    private RecordingLeakageDetectorDefaults() {
    }
}
