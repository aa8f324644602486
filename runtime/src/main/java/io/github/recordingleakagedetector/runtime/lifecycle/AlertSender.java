package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends an alert for a contact whose verdict this run claimed, then closes the contact. The claim comes first so
 * overlapping runs alert once; the close comes after a successful publish, so a failed publish leaves the alert
 * pending and {@link RecordingChecker} sends it on a later run. A publish failure propagates: a leak that cannot
 * be reported must fail the run, not pass quietly.
 */
public final class AlertSender {
    /** How long a claimed alert is left to its sender before another run takes it over. */
    public static final Duration CLAIM_LEASE = Duration.ofMinutes(2);

    private static final JsonLog LOG = JsonLog.of(AlertSender.class);

    private final ContactStore store;
    private final AlertPublisher publisher;
    private final Clock clock;

    public AlertSender(ContactStore store, AlertPublisher publisher, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the alert of a contact claimed at {@code claimedAt} and closes it. */
    public void send(Alert alert, Instant claimedAt) {
        publisher.publish(alert);
        LOG.info("alert.sent", "contactId", alert.contactId(), "alertType", alert.type().name());
        if (!store.closeAfterAlert(alert.contactId(), claimedAt, clock.instant())) {
            // Another run took the alert over after our lease ran out; it will close the contact.
            LOG.warn("alert.close.lost", "contactId", alert.contactId());
        }
    }

    public boolean claimExpired(TrackedContact contact, Instant now) {
        return contact.alertPendingSince() == null || contact.alertPendingSince().plus(CLAIM_LEASE).isBefore(now);
    }

    /** The alert a contact in its current (claimed) state calls for. */
    public static Alert alertFor(TrackedContact contact, Instant now) {
        return contact.state() == ContactState.UNVERIFIABLE
                ? unverifiable(contact, unverifiableReason(contact, now), now)
                : leak(contact, new ContactVerdict(contact.recordingState() == null ? null
                        : new Verdict(contact.recordingState(), contact.evidence()), contact.ivrVerdict()),
                        contact.searchedLocations(), now);
    }

    /**
     * The alert of a contact with a leak: what is wrong (the agent leg's recording first; else the IVR recording),
     * and the evidence (files, sizes, seconds) an auditor checks.
     */
    public static Alert leak(TrackedContact contact, ContactVerdict verdict, List<String> searched, Instant now) {
        Map<String, Object> details = details(contact, now);
        Verdict agent = verdict.agent();
        if (agent != null) {
            details.put("recordingState", agent.state().name());
            RecordingEvidence evidence = agent.evidence();
            if (evidence != null) {
                details.put("recordingFiles", files(evidence.files()));
                putIfPresent(details, "recordedSeconds", evidence.recordedSeconds() == null ? null
                        : round(evidence.recordedSeconds()));
                putIfPresent(details, "recordedSecondsMeasuredBy", evidence.measuredBy());
                putIfPresent(details, "agentLegSeconds", evidence.agentLegSeconds() == null ? null
                        : round(evidence.agentLegSeconds()));
            }
        }
        if (verdict.ivr() != null) {
            details.put("ivrRecordingState", verdict.ivr().state().name());
            details.put("ivrRecordingFiles", files(verdict.ivr().files()));
        }
        details.put("searchedLocations", searched);
        Alert.Type type = agent != null && agent.state().leak() ? switch (agent.state()) {
            case CALL_RECORDED_EMPTY -> Alert.Type.RECORDING_EMPTY;
            case CALL_RECORDED_PARTIAL -> Alert.Type.RECORDING_PARTIAL;
            default -> Alert.Type.RECORDING_MISSING;
        } : Alert.Type.IVR_RECORDING_MISSING;
        String what = switch (type) {
            case RECORDING_EMPTY -> "Call recording empty";
            case RECORDING_PARTIAL -> "Call recording partial";
            case IVR_RECORDING_MISSING -> verdict.ivr().state() == IvrRecordingState.IVR_RECORDED_EMPTY
                    ? "IVR recording empty" : "IVR recording missing";
            default -> "Call recording missing";
        };
        return new Alert(type, contact.contactId(), what + " for contact " + contact.contactId(), details);
    }

    private static List<Map<String, Object>> files(List<StoredRecording> files) {
        return files.stream().map(file -> Map.<String, Object>of("key", file.key(), "sizeBytes", file.sizeBytes(),
                "audioSeconds", round(file.audioSeconds()))).toList();
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    public static Alert unverifiable(TrackedContact contact, String reason, Instant now) {
        Map<String, Object> details = details(contact, now);
        details.put("reason", reason);
        return new Alert(Alert.Type.CONTACT_UNVERIFIABLE, contact.contactId(),
                "Call recording unverifiable for contact " + contact.contactId(), details);
    }

    static String unverifiableReason(TrackedContact contact, Instant now) {
        String reason = "tracked for " + contact.trackedFor(now).toMinutes() + " minutes in state "
                + contact.state().value() + " without a recording verdict";
        return contact.lastDescribeError() == null
                ? reason
                : reason + "; last DescribeContact error: " + contact.lastDescribeError();
    }

    private static Map<String, Object> details(TrackedContact contact, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("contactId", contact.contactId());
        details.put("instanceId", contact.instanceId());
        details.put("state", contact.state().value());
        Instant agentJoined = contact.observation().map(ContactSnapshot::connectedToAgentAt).orElse(null);
        details.put("recordingBehaviourSetAt", contact.behaviour().lastChangeAt().toString());
        details.put("contactFlowName", contact.contactFlowName());
        details.put("recordedParticipants", contact.behaviour().recordedParticipants(agentJoined).stream()
                .map(Enum::name).sorted().toList());
        contact.observation().ifPresent(seen -> {
            putIfPresent(details, "agentId", seen.agentId());
            putIfPresent(details, "queueId", seen.queueId());
            putIfPresent(details, "initiationTimestamp", seen.initiatedAt());
            putIfPresent(details, "connectedToAgentTimestamp", seen.connectedToAgentAt());
            putIfPresent(details, "disconnectTimestamp", seen.disconnectedAt());
            putIfPresent(details, "initiationMethod", seen.initiationMethod());
            putIfPresent(details, "previousContactId", seen.previousContactId());
            putIfPresent(details, "initialContactId", seen.initialContactId());
        });
        details.put("detectedAt", now.toString());
        return details;
    }

    private static void putIfPresent(Map<String, Object> details, String name, Object value) {
        if (value != null) {
            details.put(name, value instanceof Number ? value : value.toString());
        }
    }
}
