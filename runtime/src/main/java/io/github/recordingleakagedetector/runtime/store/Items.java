package io.github.recordingleakagedetector.runtime.store;

import io.github.recordingleakagedetector.runtime.lifecycle.BehaviourChange;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactSnapshot;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.Participant;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingBehaviour;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.TrackedContact;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conversions between table items and life-cycle values. Timestamps are ISO-8601 text except the numeric keys. */
final class Items {
    private static final String AT = "At";
    private static final String PARTICIPANTS = "Participants";

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
                item.containsKey(ContactTable.LAST_DESCRIBED_AT) ? snapshot(item) : null,
                item.containsKey(ContactTable.DESCRIBE_NOT_FOUND_COUNT)
                        ? Integer.parseInt(item.get(ContactTable.DESCRIBE_NOT_FOUND_COUNT).n())
                        : 0,
                string(item, ContactTable.LAST_DESCRIBE_ERROR),
                item.containsKey(ContactTable.RECORDING_STATE)
                        ? RecordingState.valueOf(string(item, ContactTable.RECORDING_STATE))
                        : null,
                strings(item, ContactTable.SEARCHED_LOCATIONS),
                instant(item, ContactTable.ALERT_PENDING_SINCE));
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
                strings(item, ContactTable.RECORDING_LOCATIONS));
    }

    static AttributeValue behaviour(RecordingBehaviour behaviour) {
        return AttributeValue.fromL(behaviour.changes().stream().map(change -> {
            Map<String, AttributeValue> entry = new HashMap<>();
            entry.put(AT, instant(change.at()));
            if (change.enables()) {
                entry.put(PARTICIPANTS, participants(change.participants()));
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
            return new BehaviourChange(Instant.parse(entry.get(AT).s()), participants);
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
