package io.github.recordingleakagedetector.runtime.store;

import io.github.recordingleakagedetector.runtime.lifecycle.BehaviourChange;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.IvrRecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.IvrVerdict;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingBehaviour;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingEvidence;
import io.github.recordingleakagedetector.runtime.lifecycle.ReportedRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.SeenRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.StoredRecording;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversions between table items and life-cycle values. Timestamps are ISO-8601 text except the numeric keys. */
final class Items {
    private static final String AT = "At";
    private static final String PARTICIPANTS = "Participants";
    private static final String IVR = "Ivr";
    private static final String LOCATION = "Location";
    private static final String STATUS = "Status";
    private static final String PARTICIPANT_TYPE = "ParticipantType";
    private static final String START_TIMESTAMP = "StartTimestamp";
    private static final String STOP_TIMESTAMP = "StopTimestamp";
    private static final String DELETION_REASON = "DeletionReason";
    private static final String KEY = "Key";
    private static final String SIZE_BYTES = "SizeBytes";
    private static final String SEQUENCER = "Sequencer";
    private static final String DELETED = "Deleted";

    private Items() {
    }

    static AttributeValue text(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue textOrNull(String value) {
        return value == null || value.isEmpty() ? null : text(value);
    }

    static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue instant(Instant value) {
        return value == null ? null : text(value.toString());
    }

    static AttributeValue epochMillis(Instant value) {
        return number(value.toEpochMilli());
    }

    static AttributeValue epochSeconds(Instant value) {
        return number(value.getEpochSecond());
    }

    static AttributeValue textList(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }

    static AttributeValue participants(Set<Participant> participants) {
        return AttributeValue.fromSs(participants.stream().map(Enum::name).sorted().toList());
    }

    static TrackedContact toContact(Map<String, AttributeValue> item) {
        return new TrackedContact(
                string(item, ContactTable.CONTACT_ID),
                string(item, ContactTable.INSTANCE_ID),
                ContactState.fromValue(string(item, ContactTable.STATE)),
                Long.parseLong(item.get(ContactTable.VERSION).n()),
                behaviour(item),
                orEmpty(string(item, ContactTable.CONTACT_FLOW_NAME)),
                instant(item, ContactTable.CREATED_AT),
                item.containsKey(ContactTable.UPDATED_AT)
                        ? Instant.ofEpochMilli(Long.parseLong(item.get(ContactTable.UPDATED_AT).n()))
                        : null,
                item.containsKey(ContactTable.LAST_DESCRIBED_AT) || item.containsKey(ContactTable.LAST_EVENT_AT)
                        ? snapshot(item) : null,
                item.containsKey(ContactTable.DESCRIBE_NOT_FOUND_COUNT)
                        ? Integer.parseInt(item.get(ContactTable.DESCRIBE_NOT_FOUND_COUNT).n())
                        : 0,
                string(item, ContactTable.LAST_DESCRIBE_ERROR),
                item.containsKey(ContactTable.RECORDING_STATE)
                        ? RecordingState.valueOf(string(item, ContactTable.RECORDING_STATE))
                        : null,
                item.containsKey(ContactTable.RECORDING_STATE) ? evidence(item) : null,
                item.containsKey(ContactTable.IVR_RECORDING_STATE)
                        ? new IvrVerdict(IvrRecordingState.valueOf(string(item, ContactTable.IVR_RECORDING_STATE)),
                                files(item, ContactTable.IVR_RECORDING_FILES))
                        : null,
                strings(item, ContactTable.SEARCHED_LOCATIONS),
                instant(item, ContactTable.ALERT_PENDING_SINCE),
                instant(item, ContactTable.ALERTED_AT),
                item.containsKey(ContactTable.REPORTING_DAY)
                        ? LocalDate.parse(string(item, ContactTable.REPORTING_DAY))
                        : null,
                instant(item, ContactTable.LAST_EVENT_AT),
                seenRecordings(item));
    }

    /** The contact fields of an item (a contact's, or a pending event's). */
    static ContactSnapshot snapshotOf(Map<String, AttributeValue> item) {
        return snapshot(item);
    }

    static Instant instantOf(Map<String, AttributeValue> item, String attribute) {
        return instant(item, attribute);
    }

    private static ContactSnapshot snapshot(Map<String, AttributeValue> item) {
        return new ContactSnapshot(
                instant(item, ContactTable.INITIATION_TIMESTAMP),
                instant(item, ContactTable.CONNECTED_TO_AGENT_TIMESTAMP),
                instant(item, ContactTable.DISCONNECT_TIMESTAMP),
                string(item, ContactTable.AGENT_ID),
                string(item, ContactTable.QUEUE_ID),
                string(item, ContactTable.CHANNEL),
                string(item, ContactTable.INITIATION_METHOD),
                string(item, ContactTable.PREVIOUS_CONTACT_ID),
                string(item, ContactTable.INITIAL_CONTACT_ID),
                reportedRecordings(item));
    }

    /** Written as maps; items written before that hold only the locations of the available recordings. */
    private static List<ReportedRecording> reportedRecordings(Map<String, AttributeValue> item) {
        AttributeValue reported = item.get(ContactTable.REPORTED_RECORDINGS);
        if (reported == null) {
            return strings(item, ContactTable.RECORDING_LOCATIONS).stream()
                    .map(location -> new ReportedRecording(location, null, null, null, null, null)).toList();
        }
        return reported.l().stream().map(AttributeValue::m).map(recording -> new ReportedRecording(
                string(recording, LOCATION), string(recording, STATUS), string(recording, PARTICIPANT_TYPE),
                instant(recording, START_TIMESTAMP), instant(recording, STOP_TIMESTAMP),
                string(recording, DELETION_REASON))).toList();
    }

    static AttributeValue reportedRecordings(List<ReportedRecording> recordings) {
        return AttributeValue.fromL(recordings.stream().map(recording -> {
            Map<String, AttributeValue> entry = new HashMap<>();
            putIfPresent(entry, LOCATION, textOrNull(recording.location()));
            putIfPresent(entry, STATUS, textOrNull(recording.status()));
            putIfPresent(entry, PARTICIPANT_TYPE, textOrNull(recording.participantType()));
            putIfPresent(entry, START_TIMESTAMP, instant(recording.startedAt()));
            putIfPresent(entry, STOP_TIMESTAMP, instant(recording.stoppedAt()));
            putIfPresent(entry, DELETION_REASON, textOrNull(recording.deletionReason()));
            return AttributeValue.fromM(entry);
        }).toList());
    }

    private static List<StoredRecording> files(Map<String, AttributeValue> item, String attribute) {
        AttributeValue files = item.get(attribute);
        return files == null
                ? List.of()
                : files.l().stream().map(AttributeValue::m).map(file -> new StoredRecording(string(file, KEY),
                        Long.parseLong(file.get(SIZE_BYTES).n()))).toList();
    }

    private static RecordingEvidence evidence(Map<String, AttributeValue> item) {
        List<StoredRecording> stored = files(item, ContactTable.RECORDING_FILES);
        return new RecordingEvidence(stored, decimal(item, ContactTable.RECORDED_SECONDS),
                string(item, ContactTable.RECORDED_SECONDS_MEASURED_BY), decimal(item, ContactTable.AGENT_LEG_SECONDS),
                string(item, ContactTable.DELETION_REASON));
    }

    private static List<SeenRecording> seenRecordings(Map<String, AttributeValue> item) {
        AttributeValue seen = item.get(ContactTable.SEEN_RECORDINGS);
        return seen == null
                ? List.of()
                : seen.l().stream().map(AttributeValue::m).map(file -> new SeenRecording(string(file, KEY),
                        Long.parseLong(file.get(SIZE_BYTES).n()), string(file, SEQUENCER),
                        Boolean.TRUE.equals(file.get(DELETED).bool()))).toList();
    }

    static AttributeValue seenRecordings(List<SeenRecording> files) {
        return AttributeValue.fromL(files.stream().map(file -> {
            Map<String, AttributeValue> entry = new LinkedHashMap<>();
            entry.put(KEY, text(file.key()));
            entry.put(SIZE_BYTES, number(file.sizeBytes()));
            entry.put(SEQUENCER, text(file.sequencer()));
            entry.put(DELETED, AttributeValue.fromBool(file.deleted()));
            return AttributeValue.fromM(entry);
        }).toList());
    }

    static AttributeValue files(List<StoredRecording> files) {
        return AttributeValue.fromL(files.stream().map(file -> AttributeValue.fromM(Map.of(
                KEY, text(file.key()), SIZE_BYTES, number(file.sizeBytes())))).toList());
    }

    static AttributeValue decimal(Double value) {
        return value == null ? null : AttributeValue.fromN(Double.toString(value));
    }

    private static Double decimal(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : Double.valueOf(value.n());
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, AttributeValue value) {
        if (value != null) {
            map.put(name, value);
        }
    }

    static AttributeValue behaviour(RecordingBehaviour behaviour) {
        return AttributeValue.fromL(behaviour.changes().stream().map(change -> {
            Map<String, AttributeValue> entry = new HashMap<>();
            entry.put(AT, instant(change.at()));
            if (change.enables()) {
                entry.put(PARTICIPANTS, participants(change.participants()));
            }
            if (change.ivr()) {
                entry.put(IVR, AttributeValue.fromBool(true));
            }
            return AttributeValue.fromM(entry);
        }).toList());
    }

    private static RecordingBehaviour behaviour(Map<String, AttributeValue> item) {
        AttributeValue history = item.get(ContactTable.RECORDING_BEHAVIOUR);
        if (history == null) {
            return RecordingBehaviour.of(List.of(latestChangeOnly(item)));
        }
        return RecordingBehaviour.of(history.l().stream().map(AttributeValue::m).map(entry -> {
            Set<Participant> participants = EnumSet.noneOf(Participant.class);
            AttributeValue names = entry.get(PARTICIPANTS);
            if (names != null) {
                names.ss().forEach(name -> participants.add(Participant.valueOf(name)));
            }
            AttributeValue ivr = entry.get(IVR);
            return new BehaviourChange(Instant.parse(entry.get(AT).s()), participants,
                    ivr != null && Boolean.TRUE.equals(ivr.bool()));
        }).toList());
    }

    /**
     * An item written before every change was kept holds only the latest one: its participants (none: disabled),
     * at {@code RecordingBehaviourSetAt} (or, lacking it, when the item was created).
     */
    private static BehaviourChange latestChangeOnly(Map<String, AttributeValue> item) {
        Set<Participant> participants = EnumSet.noneOf(Participant.class);
        AttributeValue names = item.get(ContactTable.RECORDED_PARTICIPANTS);
        if (names != null) {
            names.ss().forEach(name -> participants.add(Participant.valueOf(name)));
        }
        Instant at = instant(item, ContactTable.BEHAVIOUR_SET_AT);
        return new BehaviourChange(at != null ? at : instant(item, ContactTable.CREATED_AT), participants);
    }

    private static String string(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? null : value.s();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Instant instant(Map<String, AttributeValue> item, String attribute) {
        String value = string(item, attribute);
        return value == null ? null : Instant.parse(value);
    }

    private static List<String> strings(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }
}
