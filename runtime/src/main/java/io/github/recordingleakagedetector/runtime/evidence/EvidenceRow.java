package io.github.recordingleakagedetector.runtime.evidence;

import io.github.recordingleakagedetector.runtime.lifecycle.ContactCategory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEvidence;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One contact of a day's evidence, as the auditor reads it: who, when, what was to be recorded, the category and
 * what it rests on. Text that came from a flow log or from Connect is kept as given; the writers escape it.
 *
 * @param recordingKeys the files the verdict rests on (agent leg, then IVR)
 * @param recordingBytes their total size; null when there are none
 * @param audioSeconds seconds of audio the verdict counted; null when nothing was found
 * @param ivrRecordingState the IVR verdict, null when no IVR recording was expected and checked
 */
public record EvidenceRow(
        String contactId,
        String initialContactId,
        String previousContactId,
        String channel,
        Instant initiatedAt,
        Instant connectedToAgentAt,
        Instant disconnectedAt,
        String agentId,
        String queueId,
        String recordingFlow,
        String recordedParticipants,
        ContactCategory category,
        String state,
        String ivrRecordingState,
        List<String> recordingKeys,
        Long recordingBytes,
        Double audioSeconds,
        Double agentLegSeconds,
        String deletionReason,
        Instant alertedAt) {

    public EvidenceRow {
        recordingKeys = List.copyOf(recordingKeys);
    }

    /** The row of a contact as the table holds it. */
    public static EvidenceRow of(TrackedContact contact) {
        ContactSnapshot seen = contact.observed();
        RecordingEvidence evidence = contact.evidence();
        List<StoredRecording> files = new ArrayList<>(evidence == null ? List.of() : evidence.files());
        if (contact.ivrVerdict() != null) {
            files.addAll(contact.ivrVerdict().files());
        }
        Instant agentJoined = seen == null ? null : seen.connectedToAgentAt();
        return new EvidenceRow(
                contact.contactId(),
                seen == null ? null : seen.initialContactId(),
                seen == null ? null : seen.previousContactId(),
                seen == null ? null : seen.channel(),
                seen == null ? null : seen.initiatedAt(),
                agentJoined,
                seen == null ? null : seen.disconnectedAt(),
                seen == null ? null : seen.agentId(),
                seen == null ? null : seen.queueId(),
                contact.contactFlowName(),
                contact.behaviour().recordedParticipants(agentJoined).stream().map(Participant::name).sorted()
                        .collect(Collectors.joining(" ")),
                ContactCategory.of(contact),
                contact.state().value(),
                contact.ivrVerdict() == null ? null : contact.ivrVerdict().state().name(),
                files.stream().map(StoredRecording::key).toList(),
                files.isEmpty() ? null : files.stream().mapToLong(StoredRecording::sizeBytes).sum(),
                evidence == null ? null : evidence.recordedSeconds(),
                evidence == null ? null : evidence.agentLegSeconds(),
                evidence == null ? null : evidence.deletionReason(),
                contact.alertedAt());
    }

    /** Whether the auditor must look at this contact: it failed, is undecided, or its recording was deleted. */
    public boolean needsAttention() {
        return !category.passed() || ivrLeak();
    }

    /** Whether an expected IVR recording is missing or empty. */
    public boolean ivrLeak() {
        return ivrRecordingState != null && !ivrRecordingState.equals("IVR_RECORDED_SUCCESS");
    }
}
