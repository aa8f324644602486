package io.github.recordingleakagedetector.runtime.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import software.amazon.awssdk.services.connect.model.Channel;
import software.amazon.awssdk.services.connect.model.ContactInitiationMethod;
import software.amazon.awssdk.services.connect.model.MediaStreamType;
import software.amazon.awssdk.services.connect.model.ParticipantType;
import software.amazon.awssdk.services.connect.model.RecordingStatus;
import software.amazon.awssdk.services.connect.model.StorageType;

/**
 * The scripted life cycle of one simulated Amazon Connect contact: what happens to it and when. The
 * {@link ConnectSimulator} renders it at its current time, so DescribeContact shows only what has happened by then:
 * before {@link #initiatedAt} the contact is not found; {@code QueueInfo}, {@code AgentInfo},
 * {@code DisconnectTimestamp} and each recording appear once their time has come.
 *
 * <p>Obtained from {@link ConnectSimulator#contact(String, String)}; every setter returns {@code this}. Safe to
 * change while the simulator serves requests.
 */
public final class ScriptedContact {
    /** Account of the simulated instance ARNs. */
    public static final String ACCOUNT_ID = "123456789012";

    private final String instanceId;
    private final String contactId;
    private Instant initiatedAt;
    private ContactInitiationMethod initiationMethod = ContactInitiationMethod.INBOUND;
    private Channel channel = Channel.VOICE;
    private String previousContactId;
    private String initialContactId;
    private Instant enqueuedAt;
    private String queueId;
    private Instant connectedToAgentAt;
    private String agentId;
    private Instant disconnectedAt;
    private final List<Recording> recordings = new ArrayList<>();

    ScriptedContact(String instanceId, String contactId, Instant initiatedAt) {
        this.instanceId = instanceId;
        this.contactId = contactId;
        this.initiatedAt = initiatedAt;
    }

    /** When the contact starts to exist (defaults to the simulator's time when the script was created). */
    public synchronized ScriptedContact initiatedAt(Instant time) {
        initiatedAt = Objects.requireNonNull(time);
        return this;
    }

    /** INBOUND by default; TRANSFER / QUEUE_TRANSFER for a contact created by a transfer. */
    public synchronized ScriptedContact initiationMethod(ContactInitiationMethod method) {
        initiationMethod = Objects.requireNonNull(method);
        return this;
    }

    /** VOICE by default. */
    public synchronized ScriptedContact channel(Channel value) {
        channel = Objects.requireNonNull(value);
        return this;
    }

    /** The contact this one was transferred from. */
    /** The first contact of the transfer chain this contact belongs to. */
    public synchronized ScriptedContact initialContactId(String id) {
        initialContactId = id;
        return this;
    }

    public synchronized ScriptedContact previousContactId(String id) {
        previousContactId = id;
        return this;
    }

    /** Placed in a queue: {@code QueueInfo} appears from {@code time} on. */
    public synchronized ScriptedContact enqueuedAt(Instant time, String queue) {
        enqueuedAt = Objects.requireNonNull(time);
        queueId = Objects.requireNonNull(queue);
        return this;
    }

    /** Answered by an agent: {@code AgentInfo} appears from {@code time} on. */
    public synchronized ScriptedContact connectedToAgentAt(Instant time, String agent) {
        connectedToAgentAt = Objects.requireNonNull(time);
        agentId = Objects.requireNonNull(agent);
        return this;
    }

    /** Ends: {@code DisconnectTimestamp} appears from {@code time} on. */
    public synchronized ScriptedContact disconnectedAt(Instant time) {
        disconnectedAt = Objects.requireNonNull(time);
        return this;
    }

    /**
     * A voice recording stored in S3 at {@code location} ("bucket/key", as Connect reports it), listed from
     * {@code availableAt} on; see {@link Recording#of} for the defaults.
     */
    public ScriptedContact recording(String location, Instant availableAt) {
        return recording(Recording.of(location, availableAt));
    }

    /** A recording with every detail chosen by the caller. Connect lists up to two (IVR and agent). */
    public synchronized ScriptedContact recording(Recording recording) {
        recordings.add(Objects.requireNonNull(recording));
        return this;
    }

    public String instanceId() {
        return instanceId;
    }

    public String contactId() {
        return contactId;
    }

    /** The contact's ARN as Connect builds it. */
    public String arn() {
        return arn(instanceId, contactId);
    }

    static String arn(String instanceId, String contactId) {
        return "arn:aws:connect:" + TestAwsClients.REGION.id() + ":" + ACCOUNT_ID + ":instance/" + instanceId
                + "/contact/" + contactId;
    }

    /** The DescribeContact response body at {@code now}, or empty if the contact does not exist yet. */
    synchronized Optional<String> describeAt(Instant now) {
        if (now.isBefore(initiatedAt)) {
            return Optional.empty();
        }
        JsonText contact = JsonText.object()
                .field("Arn", arn())
                .field("Id", contactId)
                .field("InitiationMethod", initiationMethod.toString())
                .field("Channel", channel.toString())
                .field("InitiationTimestamp", initiatedAt)
                .field("PreviousContactId", previousContactId)
                .field("InitialContactId", initialContactId)
                .field("DisconnectTimestamp", happened(disconnectedAt, now))
                .field("LastUpdateTimestamp", lastUpdate(now));
        if (happened(enqueuedAt, now) != null) {
            contact.raw("QueueInfo", JsonText.object().field("Id", queueId).field("EnqueueTimestamp", enqueuedAt).end());
        }
        if (happened(connectedToAgentAt, now) != null) {
            contact.raw("AgentInfo", JsonText.object().field("Id", agentId)
                    .field("ConnectedToAgentTimestamp", connectedToAgentAt).end());
        }
        List<String> visible = recordings.stream()
                .filter(recording -> !now.isBefore(recording.availableAt()))
                .map(recording -> recording.toJson(now, defaultStart(), disconnectedAt))
                .toList();
        if (!visible.isEmpty()) {
            contact.raw("Recordings", "[" + String.join(",", visible) + "]");
        }
        return Optional.of(JsonText.object().raw("Contact", contact.end()).end());
    }

    private Instant defaultStart() {
        return connectedToAgentAt != null ? connectedToAgentAt : initiatedAt;
    }

    private Instant lastUpdate(Instant now) {
        return Stream.of(initiatedAt, enqueuedAt, connectedToAgentAt, disconnectedAt)
                .filter(Objects::nonNull)
                .filter(time -> !time.isAfter(now))
                .max(Instant::compareTo)
                .orElseThrow();
    }

    private static Instant happened(Instant time, Instant now) {
        return time != null && !time.isAfter(now) ? time : null;
    }

    /**
     * One entry of {@code Contact.Recordings} ({@code RecordingInfo}), listed from {@code availableAt} on and
     * shown as {@code DELETED} with its reason from {@code deletedAt} on. Null start/stop timestamps default to
     * the agent connection (or initiation) and the disconnection.
     */
    public record Recording(String location, Instant availableAt, String participantType,
            MediaStreamType mediaStreamType, StorageType storageType, Instant startTimestamp, Instant stopTimestamp,
            Instant deletedAt, String deletionReason, boolean timestampsReported) {

        public Recording {
            Objects.requireNonNull(location);
            Objects.requireNonNull(availableAt);
        }

        /**
         * An audio recording in S3 with participant type AGENT (which value Connect reports for a call recording
         * of both sides is not confirmed: code under test should not depend on it).
         */
        public static Recording of(String location, Instant availableAt) {
            return new Recording(location, availableAt, ParticipantType.AGENT.toString(), MediaStreamType.AUDIO,
                    StorageType.S3, null, null, null, null, true);
        }

        public Recording withParticipantType(ParticipantType value) {
            return withParticipantType(value.toString());
        }

        /** As text: AWS samples see {@code IVR}, which the SDK's enum does not list. */
        public Recording withParticipantType(String value) {
            return new Recording(location, availableAt, value, mediaStreamType, storageType, startTimestamp,
                    stopTimestamp, deletedAt, deletionReason, timestampsReported);
        }

        public Recording withStorageType(StorageType value) {
            return new Recording(location, availableAt, participantType, mediaStreamType, value, startTimestamp,
                    stopTimestamp, deletedAt, deletionReason, timestampsReported);
        }

        public Recording withTimestamps(Instant start, Instant stop) {
            return new Recording(location, availableAt, participantType, mediaStreamType, storageType, start, stop,
                    deletedAt, deletionReason, true);
        }

        /** Start and stop timestamps reported as null (when Connect leaves them out is not documented). */
        public Recording withoutTimestamps() {
            return new Recording(location, availableAt, participantType, mediaStreamType, storageType, null, null,
                    deletedAt, deletionReason, false);
        }

        public Recording deleted(Instant at, String reason) {
            return new Recording(location, availableAt, participantType, mediaStreamType, storageType,
                    startTimestamp, stopTimestamp, at, reason, timestampsReported);
        }

        String toJson(Instant now, Instant defaultStart, Instant defaultStop) {
            boolean isDeleted = deletedAt != null && !now.isBefore(deletedAt);
            return JsonText.object()
                    .field("Location", location)
                    .field("Status", (isDeleted ? RecordingStatus.DELETED : RecordingStatus.AVAILABLE).toString())
                    .field("StorageType", storageType == null ? null : storageType.toString())
                    .field("ParticipantType", participantType)
                    .field("MediaStreamType", mediaStreamType == null ? null : mediaStreamType.toString())
                    .field("StartTimestamp", !timestampsReported ? null
                            : startTimestamp != null ? startTimestamp : defaultStart)
                    .field("StopTimestamp", !timestampsReported ? null
                            : stopTimestamp != null ? stopTimestamp : defaultStop)
                    .field("DeletionReason", isDeleted ? deletionReason : null)
                    .end();
        }
    }
}
