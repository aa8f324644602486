package io.github.recordingleakagedetector.runtime.lifecycle;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Connect flow-log message. Two block generations set recording behaviour: the legacy
 * {@code SetRecordingBehavior} ({@code RecordingBehaviorOption} Enable/Disable, {@code RecordingParticipantOption}
 * Agent/Customer/Both/All) and the newer recording-and-analytics block, whose log shape is not documented; for it,
 * a {@code RecordedParticipants} list anywhere in the parameters is honoured (an empty list disables recording).
 */
public final class FlowLogInterpreter {
    private static final Pattern INSTANCE_IN_ARN = Pattern.compile(":instance/([^/]+)/");
    private static final Set<Participant> EVERYONE = EnumSet.allOf(Participant.class);
    /**
     * What DescribeContact accepts as a contact id (1 to 256 characters; Connect issues UUIDs), restricted to
     * visible ASCII: the id goes into a URL path, an S3 key prefix and the table's partition key.
     */
    private static final Pattern CONTACT_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");
    /** Amazon Connect launched in March 2017: a block logged earlier is a broken clock, not a contact. */
    static final Instant EARLIEST_BLOCK_TIME = Instant.parse("2017-03-28T00:00:00Z");
    /** How far a block's time may lie ahead of its log event (or, without one, of its arrival). */
    static final Duration MAX_AHEAD_OF_LOG_EVENT = Duration.ofDays(1);

    private FlowLogInterpreter() {
    }

    /**
     * Reads one flow-log event that arrived at {@code receivedAt}. A recording-behaviour event that cannot be
     * trusted (an id that is not a contact id, a time outside what Connect can log) is malformed: writing it would
     * create a contact that can never be verified, or one that fails its delivery on every retry.
     */
    public static RecordingBehaviourEvent interpret(FlowLogRecord record, Instant receivedAt) {
        Map<String, Object> event = parseObject(record.message());
        String moduleType = text(event, "ContactFlowModuleType");
        if (moduleType == null || !isRecordingBehaviour(moduleType)) {
            return new RecordingBehaviourEvent.Unrelated(moduleType);
        }
        String contactId = contactId(event);
        String instanceId = instanceId(requiredString(event, "ContactFlowId"));
        Instant at = plausible(timestamp(event, record.timestampMillis()), record.timestampMillis(), receivedAt);
        Map<String, Object> parameters = event.get("Parameters") instanceof Map<?, ?> map ? cast(map) : Map.of();
        Set<Participant> recorded = "SetRecordingBehavior".equals(moduleType)
                ? legacyParticipants(parameters)
                : recordedParticipants(parameters);
        boolean ivr = ivrRecordingEnabled(parameters);
        if (recorded.isEmpty() && !ivr) {
            return new RecordingBehaviourEvent.Disabled(contactId, instanceId, at);
        }
        Object flowName = event.get("ContactFlowName");
        return new RecordingBehaviourEvent.Enabled(contactId, instanceId,
                new RecordingExpectation(recorded, flowName instanceof String name ? name : "", at, ivr));
    }

    private static boolean isRecordingBehaviour(String moduleType) {
        String type = moduleType.toLowerCase(Locale.ROOT);
        return type.contains("recording") && type.contains("behavio");
    }

    private static Set<Participant> legacyParticipants(Map<String, Object> parameters) {
        String option = text(parameters, "RecordingBehaviorOption");
        if ("Disable".equalsIgnoreCase(option)) {
            return Set.of();
        }
        if (!"Enable".equalsIgnoreCase(option)) {
            throw new MalformedFlowLogException("RecordingBehaviorOption is '" + option + "', expected Enable or Disable");
        }
        String who = text(parameters, "RecordingParticipantOption");
        if (who == null) {
            // Recording is on; not knowing for whom must not lose the expectation.
            return EVERYONE;
        }
        return switch (who.toLowerCase(Locale.ROOT)) {
            case "agent" -> EnumSet.of(Participant.AGENT);
            case "customer" -> EnumSet.of(Participant.CUSTOMER);
            case "both", "all" -> EVERYONE;
            default -> throw new MalformedFlowLogException(
                    "RecordingParticipantOption is '" + who + "', expected Agent, Customer, Both or All");
        };
    }

    /**
     * The flow language names IVR recording {@code IVRRecordingBehavior} ({@code Enabled}/{@code Disabled}), in
     * {@code RecordingBehavior} of {@code UpdateContactRecordingBehavior} and in {@code VoiceBehavior
     * .VoiceRecordingBehavior} of the newer block; how a flow log shows it is not documented, so it is looked for at
     * any depth, and anything but an explicit enable leaves IVR recording off.
     */
    private static boolean ivrRecordingEnabled(Map<String, Object> parameters) {
        Object value = findKey(parameters, "IVRRecordingBehavior", 0);
        String text = value == null ? "" : String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        return text.equals("enabled") || text.equals("enable") || text.equals("true");
    }

    private static Set<Participant> recordedParticipants(Map<String, Object> parameters) {
        Object listed = findKey(parameters, "RecordedParticipants", 0);
        if (listed == null) {
            throw new MalformedFlowLogException("no RecordedParticipants in the parameters " + parameters);
        }
        Set<Participant> participants = EnumSet.noneOf(Participant.class);
        for (String name : participantNames(listed)) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "agent" -> participants.add(Participant.AGENT);
                case "customer" -> participants.add(Participant.CUSTOMER);
                case "both", "all" -> participants.addAll(EVERYONE);
                default -> throw new MalformedFlowLogException("unknown recorded participant '" + name + "'");
            }
        }
        return participants;
    }

    /** Depth-first search, because the newer block may nest its settings in an object or in a JSON string. */
    private static Object findKey(Object node, String key, int depth) {
        if (depth > 4) {
            return null;
        }
        if (node instanceof String text && text.startsWith("{")) {
            try {
                node = JSON.std.anyFrom(text);
            } catch (IOException e) {
                return null;
            }
        }
        if (node instanceof Map<?, ?> map) {
            if (map.containsKey(key)) {
                return map.get(key);
            }
            for (Object child : map.values()) {
                Object found = findKey(child, key, depth + 1);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static List<String> participantNames(Object listed) {
        if (listed instanceof Collection<?> items) {
            return items.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        String text = String.valueOf(listed).replaceAll("[\\[\\]\"]", "");
        return List.of(text.split(",")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Object> parseObject(String message) {
        if (message == null || message.isBlank()) {
            throw new MalformedFlowLogException("empty message");
        }
        try {
            Object parsed = JSON.std.anyFrom(message);
            if (parsed instanceof Map<?, ?> map) {
                return cast(map);
            }
        } catch (IOException | RuntimeException e) {
            throw new MalformedFlowLogException("message is not JSON: " + e.getMessage());
        }
        throw new MalformedFlowLogException("message is not a JSON object");
    }

    private static String instanceId(String contactFlowArn) {
        Matcher matcher = INSTANCE_IN_ARN.matcher(contactFlowArn);
        if (!matcher.find()) {
            throw new MalformedFlowLogException("ContactFlowId '" + contactFlowArn + "' holds no instance id");
        }
        return matcher.group(1);
    }

    private static Instant timestamp(Map<String, Object> event, long fallbackMillis) {
        String text = text(event, "Timestamp");
        if (text != null) {
            try {
                return Instant.parse(text);
            } catch (DateTimeException e) {
                // The log event's own timestamp is within milliseconds of the block's; ordering survives.
            }
        }
        return Instant.ofEpochMilli(fallbackMillis);
    }

    private static String contactId(Map<String, Object> event) {
        String id = requiredString(event, "ContactId");
        if (!CONTACT_ID.matcher(id).matches()) {
            throw new MalformedFlowLogException("ContactId '" + abbreviated(id)
                    + "' is not a contact id (1 to 256 visible ASCII characters)");
        }
        return id;
    }

    /** A field that must be a non-blank JSON string: any other JSON value is not turned into text. */
    private static String requiredString(Map<String, Object> event, String field) {
        Object value = event.get(field);
        if (value == null || value instanceof String text && text.isBlank()) {
            throw new MalformedFlowLogException("missing " + field);
        }
        if (!(value instanceof String text)) {
            throw new MalformedFlowLogException(field + " is not a JSON string but " + abbreviated(String.valueOf(value)));
        }
        return text;
    }

    private static Instant plausible(Instant at, long logEventMillis, Instant receivedAt) {
        // A log event stamped later than its arrival has a broken clock too: the arrival bounds it.
        Instant reference = logEventMillis > 0 && logEventMillis < receivedAt.toEpochMilli()
                ? Instant.ofEpochMilli(logEventMillis)
                : receivedAt;
        if (at.isBefore(EARLIEST_BLOCK_TIME) || at.isAfter(reference.plus(MAX_AHEAD_OF_LOG_EVENT))) {
            throw new MalformedFlowLogException("block time " + at + " is outside " + EARLIEST_BLOCK_TIME + " .. "
                    + reference.plus(MAX_AHEAD_OF_LOG_EVENT) + " (Amazon Connect's launch .. a day after the log event)");
        }
        return at;
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static String text(Map<String, Object> map, String field) {
        Object value = map.get(field);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
