package io.github.recordingleakagedetector.runtime.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Every environment variable the handlers read: the configuration contract with the construct, which sets exactly
 * these on each function (checked by the contract tests). None has a default here: every default lives in the
 * construct ({@code RecordingLeakageDetectorDefaults}), and a variable the function lacks fails its cold start, naming
 * it, so a runtime default can never drift from the construct's. Kinds that allow "none" take an empty value.
 */
public enum EnvironmentVariable {
    CONTACT_TABLE_NAME(Kind.TEXT,
            "Name of the contact table.",
            Handler.values()),
    RECORDING_BUCKET_NAME(Kind.TEXT,
            "Bucket that Amazon Connect writes call recordings to.",
            Handler.CHECK_RECORDINGS, Handler.CONTACT_EVENTS),
    RECORDING_KEY_PREFIX(Kind.KEY_PREFIX,
            "Key prefix of the call recordings, up to the date folders, e.g. connect/my-alias/CallRecordings.",
            Handler.CHECK_RECORDINGS, Handler.CONTACT_EVENTS),
    RECORDING_GRACE_PERIOD_SECONDS(Kind.POSITIVE_WHOLE_NUMBER,
            "How long after disconnect a recording may still arrive before it is declared missing.",
            Handler.CHECK_RECORDINGS),
    ADDITIONAL_RECORDING_PREFIXES(Kind.KEY_PREFIX_LIST,
            "Further key prefixes laid out like the recording prefix (e.g. Contact Lens's "
                    + "Analysis/Voice/Redacted), comma-separated; searched when the recording prefix holds "
                    + "nothing for a contact.",
            Handler.CHECK_RECORDINGS, Handler.CONTACT_EVENTS),
    MINIMUM_RECORDED_SHARE(Kind.SHARE,
            "Share of the agent leg a recording must cover (0 to 1; 0 switches the partial-recording check "
                    + "off).",
            Handler.CHECK_RECORDINGS),
    MINIMUM_LEG_SECONDS_FOR_SHARE(Kind.POSITIVE_WHOLE_NUMBER,
            "Agent legs shorter than this are not judged partial.",
            Handler.CHECK_RECORDINGS),
    CHECK_IVR_RECORDINGS(Kind.BOOLEAN,
            "Whether contacts whose flows turned IVR (automated interaction) recording on are checked for their "
                    + "IVR recording, also when they never reached an agent.",
            Handler.PURGE_QUEUE_CONTACTS, Handler.CHECK_RECORDINGS),
    DESCRIBE_CONTACT_RATE_LIMIT(Kind.POSITIVE_DECIMAL,
            "DescribeContact requests per second, per function instance (the quota is per account).",
            Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS, Handler.CHECK_RECORDINGS),
    MAX_TRACKING_AGE_SECONDS(Kind.POSITIVE_WHOLE_NUMBER,
            "A contact tracked longer than this without a verdict is reported as unverifiable.",
            Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS, Handler.DAILY_EVIDENCE),
    CONTACT_RETENTION_DAYS(Kind.POSITIVE_WHOLE_NUMBER,
            "Days a contact item is kept (DynamoDB TTL) after recording behaviour was set.",
            Handler.FLOW_LOG_INGEST, Handler.DAILY_EVIDENCE),
    ALERT_TOPIC_ARN(Kind.OPTIONAL_SNS_TOPIC_ARN,
            "SNS topic for missing-recording and unverifiable-contact alerts; empty means log only.",
            Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS, Handler.CHECK_RECORDINGS),
    CONCURRENT_CONTACTS(Kind.POSITIVE_WHOLE_NUMBER,
            "How many contacts a function works on at once (API calls are I/O-bound; the Connect rate limit "
                    + "still paces DescribeContact across them).",
            Handler.FLOW_LOG_INGEST, Handler.POLL_INITIALISED, Handler.PURGE_QUEUE_CONTACTS,
            Handler.POLL_IN_PROGRESS, Handler.CHECK_RECORDINGS, Handler.CONTACT_EVENTS),
    SAFETY_MARGIN_SECONDS(Kind.POSITIVE_WHOLE_NUMBER,
            "A handler takes no new work when less than this much invocation time remains.",
            Handler.POLL_INITIALISED, Handler.PURGE_QUEUE_CONTACTS, Handler.POLL_IN_PROGRESS, Handler.CHECK_RECORDINGS),
    REPORTING_TIME_ZONE(Kind.TIME_ZONE,
            "Time zone of the contact centre's day (IANA name, e.g. Europe/London): each contact is filed under "
                    + "the day, in this zone, of the flow-log event the detector learned of it from.",
            Handler.FLOW_LOG_INGEST, Handler.DAILY_EVIDENCE),
    EVIDENCE_BUCKET_NAME(Kind.TEXT,
            "Bucket the daily evidence files are written to.",
            Handler.DAILY_EVIDENCE),
    EVIDENCE_KEY_PREFIX(Kind.KEY_PREFIX,
            "Key prefix of the daily evidence, before the YYYY/MM/DD folders.",
            Handler.DAILY_EVIDENCE),
    COMPLIANCE_TARGET_PERCENT(Kind.OPTIONAL_PERCENT,
            "Compliance the day's figures are held to (0 to 100); empty means no target.",
            Handler.DAILY_EVIDENCE),
    REPORT_TOPIC_ARN(Kind.OPTIONAL_SNS_TOPIC_ARN,
            "SNS topic for the daily evidence summary; empty means log only.",
            Handler.DAILY_EVIDENCE),
    METRICS_NAMESPACE(Kind.TEXT,
            "CloudWatch namespace of the metrics the handlers emit (embedded metric format).",
            Handler.values()),
    DETECTOR_NAME(Kind.TEXT,
            "Value of the Detector metric dimension, so that several detectors in one account stay apart.",
            Handler.values()),
    CONNECT_INSTANCE_ARN(Kind.CONNECT_INSTANCE_ARN,
            "The Amazon Connect instance whose contact events are applied; events of any other are rejected.",
            Handler.CONTACT_EVENTS),
    CONTACT_EVENTS(Kind.BOOLEAN,
            "Whether Connect's contact events move the contacts (polling is then the fallback for contacts "
                    + "whose events were lost).",
            Handler.FLOW_LOG_INGEST, Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS),
    LIVE_CONTACT_EVENT_SILENCE_SECONDS(Kind.POSITIVE_WHOLE_NUMBER,
            "With contact events: a live contact whose last event is younger than this is not polled.",
            Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS),
    INITIALISED_CONTACT_EVENT_SILENCE_SECONDS(Kind.POSITIVE_WHOLE_NUMBER,
            "With contact events: an initialised contact without an event is not polled until it is this old.",
            Handler.POLL_INITIALISED, Handler.POLL_IN_PROGRESS),
    RECORDING_EVENTS(Kind.BOOLEAN,
            "Whether the recording bucket's S3 events (Object Created and Object Deleted, through EventBridge) "
                    + "mark recordings seen: a contact whose recording was seen is judged without listing the "
                    + "bucket, and one whose recording was not is listed only once its grace period is over.",
            Handler.CHECK_RECORDINGS);

    /** What a value must look like; {@link Configuration} checks it at cold start. */
    public enum Kind {
        TEXT, KEY_PREFIX, KEY_PREFIX_LIST, POSITIVE_WHOLE_NUMBER, POSITIVE_DECIMAL, SHARE, BOOLEAN,
        OPTIONAL_SNS_TOPIC_ARN, TIME_ZONE, OPTIONAL_PERCENT, CONNECT_INSTANCE_ARN
    }

    private final Kind kind;
    private final String description;
    private final Set<Handler> readBy;

    EnvironmentVariable(Kind kind, String description, Handler... readBy) {
        this.kind = kind;
        this.description = description;
        this.readBy = EnumSet.copyOf(Arrays.asList(readBy));
    }

    /** Whether an empty value is valid (it then means "none"). */
    public boolean acceptsEmpty() {
        return kind == Kind.KEY_PREFIX_LIST || kind == Kind.OPTIONAL_SNS_TOPIC_ARN || kind == Kind.OPTIONAL_PERCENT;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public Set<Handler> readBy() {
        return readBy;
    }

    /** The variables one handler reads. */
    public static List<EnvironmentVariable> readBy(Handler handler) {
        return Arrays.stream(values()).filter(v -> v.readBy.contains(handler)).toList();
    }
}
