package io.github.recordingleakagedetector.runtime.store;

/**
 * The contact table's schema: key, index and attribute names. The construct creates the table with the same
 * key and index (checked by the contract tests in module {@code test}).
 *
 * <p>Items that still need work carry {@link #UPDATED_AT} and so appear in the sparse {@link #STATE_INDEX}; a
 * closed item (verdict reached and alerted, recording disabled, unverifiable and alerted) has it removed and
 * {@link #CLOSED_AT} set instead, so the handlers never re-read finished contacts.
 */
public final class ContactTable {
    /** Partition key (S). */
    public static final String CONTACT_ID = "ContactId";
    /** Global secondary index: partition {@link #STATE}, sort {@link #UPDATED_AT}, all attributes projected. */
    public static final String STATE_INDEX = "State-UpdatedAt-index";
    /**
     * Global secondary index for the daily evidence: partition {@link #REPORTING_DAY}, sort {@link #CONTACT_ID}, all
     * attributes. A day's figures cost one query of its contacts, never a scan.
     */
    public static final String REPORTING_DAY_INDEX = "ReportingDay-ContactId-index";
    /**
     * The day, {@code YYYY-MM-DD} in the reporting time zone (S), of the flow-log event the detector first learned
     * of the contact from. Set once, when the item is created, and never changed: no later observation moves a
     * contact to another day. (A contact first learned of after its day's evidence was written, from a delivery
     * replayed days later, is in the figures of that day written again.)
     */
    public static final String REPORTING_DAY = "ReportingDay";
    /** Life-cycle state (S), one of the literal values of {@code ContactState}. */
    public static final String STATE = "State";
    /** Last change, epoch milliseconds (N); present only while the contact needs work. */
    public static final String UPDATED_AT = "UpdatedAt";
    /** DynamoDB TTL attribute, epoch seconds (N). */
    public static final String EXPIRES_AT = "ExpiresAt";

    public static final String VERSION = "Version";
    public static final String INSTANCE_ID = "InstanceId";
    public static final String RECORDED_PARTICIPANTS = "RecordedParticipants";
    public static final String CONTACT_FLOW_NAME = "ContactFlowName";
    /** The latest recording-behaviour change (S, ISO-8601). */
    public static final String BEHAVIOUR_SET_AT = "RecordingBehaviourSetAt";
    /**
     * Every recording-behaviour change (L of M: {@code At} S, {@code Participants} SS, absent when the agent leg's
     * recording is off; {@code Ivr} BOOL, true when the change turned on IVR recording).
     */
    public static final String RECORDING_BEHAVIOUR = "RecordingBehaviour";
    public static final String CREATED_AT = "CreatedAt";
    public static final String CLOSED_AT = "ClosedAt";
    public static final String INITIATION_TIMESTAMP = "InitiationTimestamp";
    public static final String CONNECTED_TO_AGENT_TIMESTAMP = "ConnectedToAgentTimestamp";
    public static final String DISCONNECT_TIMESTAMP = "DisconnectTimestamp";
    public static final String AGENT_ID = "AgentId";
    public static final String QUEUE_ID = "QueueId";
    public static final String CHANNEL = "Channel";
    public static final String INITIATION_METHOD = "InitiationMethod";
    public static final String PREVIOUS_CONTACT_ID = "PreviousContactId";
    /** Locations of the recordings Connect reported (L of S), as written before {@link #REPORTED_RECORDINGS}; read only. */
    public static final String RECORDING_LOCATIONS = "RecordingLocations";
    /**
     * The recordings Connect reported (L of M: {@code Location}, {@code Status}, {@code ParticipantType},
     * {@code StartTimestamp}, {@code StopTimestamp}, {@code DeletionReason}; absent members unknown).
     */
    public static final String REPORTED_RECORDINGS = "ReportedRecordings";
    public static final String INITIAL_CONTACT_ID = "InitialContactId";
    /** When DescribeContact last answered for the contact (S, ISO-8601); absent while {@code INITIALISED}. */
    public static final String LAST_DESCRIBED_AT = "LastDescribedAt";
    /** When a Connect contact event last changed the contact (ISO-8601); absent when none did. */
    public static final String LAST_EVENT_AT = "LastEventAt";
    /**
     * Key prefix of the items that keep a contact event whose contact the flow log has not announced yet
     * ({@code PendingEvent#<contactId>}): no {@code State} and no {@code ReportingDay}, so no index holds them, and
     * {@code ExpiresAt} removes one that is never claimed.
     */
    public static final String PENDING_EVENT_PREFIX = "PendingEvent#";
    /**
     * The recording files the bucket's S3 events told of (L of M: {@code Key} S, {@code SizeBytes} N,
     * {@code Sequencer} S, {@code Deleted} BOOL); absent when none did.
     */
    public static final String SEEN_RECORDINGS = "SeenRecordings";
    public static final String UNVERIFIABLE_REASON = "UnverifiableReason";
    public static final String DESCRIBE_NOT_FOUND_COUNT = "DescribeNotFoundCount";
    public static final String LAST_DESCRIBE_ERROR = "LastDescribeError";
    public static final String RECORDING_STATE = "RecordingState";
    /** The first file a verdict rests on (S); {@link #RECORDING_FILES} holds them all. */
    public static final String RECORDING_KEY = "RecordingKey";
    /** The files a verdict rests on (L of M: {@code Key} S, {@code SizeBytes} N). */
    public static final String RECORDING_FILES = "RecordingFiles";
    /** Seconds of audio the verdict counted (N), measured as {@link #RECORDED_SECONDS_MEASURED_BY} says. */
    public static final String RECORDED_SECONDS = "RecordedSeconds";
    /** {@code CONNECT} (Connect's recorded span) or {@code FILE_SIZE}. */
    public static final String RECORDED_SECONDS_MEASURED_BY = "RecordedSecondsMeasuredBy";
    /** Seconds from the agent's connection to the disconnect (N). */
    public static final String AGENT_LEG_SECONDS = "AgentLegSeconds";
    /** The verdict on the IVR recording, when one was expected and checked (S): {@code IvrRecordingState}. */
    public static final String IVR_RECORDING_STATE = "IvrRecordingState";
    /** The IVR files that verdict rests on (L of M: {@code Key} S, {@code SizeBytes} N). */
    public static final String IVR_RECORDING_FILES = "IvrRecordingFiles";
    /** Connect's reason for a deleted recording (S). */
    public static final String DELETION_REASON = "DeletionReason";
    public static final String SEARCHED_LOCATIONS = "SearchedLocations";
    public static final String ALERT_PENDING_SINCE = "AlertPendingSince";
    public static final String ALERTED_AT = "AlertedAt";

    private ContactTable() {
    }
}
