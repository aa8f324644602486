package io.github.recordingleakagedetector.runtime.lifecycle;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an EventBridge {@code Amazon Connect Contact Event} (the SQS message body) into a {@link ContactEvent}, or
 * says why it is rejected. Tolerant where Connect's own samples differ (the case of event types and channels),
 * strict where a wrong answer would move a contact: the instance must be this detector's, the contact id present,
 * the times parseable.
 */
public final class ContactEventInterpreter {
    static final String DETAIL_TYPE = "Amazon Connect Contact Event";

    /** An event the detector cannot or must not apply; logged and counted, never failing the batch. */
    public static final class RejectedEventException extends RuntimeException {
        RejectedEventException(String reason) {
            super(reason);
        }
    }

    private final String instanceArn;

    /** @param instanceArn the instance whose events are applied; any other instance's are rejected */
    public ContactEventInterpreter(String instanceArn) {
        this.instanceArn = instanceArn;
    }

    /** The event, or a {@link RejectedEventException} saying why it cannot be applied. */
    public ContactEvent interpret(String body) {
        Map<String, Object> envelope = object(parse(body), "the message");
        if (!DETAIL_TYPE.equals(envelope.get("detail-type"))) {
            throw new RejectedEventException("detail-type '" + envelope.get("detail-type") + "' is not '"
                    + DETAIL_TYPE + "'");
        }
        Map<String, Object> detail = object(envelope.get("detail"), "detail");
        String arn = text(detail, "instanceArn");
        if (arn == null || !arn.equalsIgnoreCase(instanceArn)) {
            throw new RejectedEventException("instanceArn '" + arn + "' is not this detector's instance");
        }
        String typeName = text(detail, "eventType");
        ContactEvent.Type type;
        try {
            type = ContactEvent.Type.valueOf(String.valueOf(typeName).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new RejectedEventException("eventType '" + typeName + "' is not one the detector uses");
        }
        String contactId = text(detail, "contactId");
        if (contactId == null || contactId.isBlank()) {
            throw new RejectedEventException("no contactId");
        }
        Map<String, Object> agent = optionalObject(detail.get("agentInfo"));
        Map<String, Object> queue = optionalObject(detail.get("queueInfo"));
        ContactSnapshot said = new ContactSnapshot(
                time(detail, "initiationTimestamp"),
                time(agent, "connectedToAgentTimestamp"),
                type == ContactEvent.Type.CONNECTED_TO_AGENT ? null : time(detail, "disconnectTimestamp"),
                lastSegment(text(agent, "agentArn")),
                lastSegment(text(queue, "queueArn")),
                upper(text(detail, "channel")),
                upper(text(detail, "initiationMethod")),
                text(detail, "previousContactId"),
                text(detail, "initialContactId"),
                null);
        if (type == ContactEvent.Type.CONNECTED_TO_AGENT && said.connectedToAgentAt() == null) {
            // The event itself says an agent is connected; its time, when absent, is the event's.
            said = said.mergedWith(new ContactSnapshot(null, time(envelope, "time"), null, null, null, null, null,
                    null, null, null));
        }
        if (type != ContactEvent.Type.CONNECTED_TO_AGENT && said.disconnectedAt() == null) {
            said = said.mergedWith(new ContactSnapshot(null, null, time(envelope, "time"), null, null, null, null,
                    null, null, null));
        }
        if (said.connectedToAgentAt() == null && said.disconnectedAt() == null) {
            throw new RejectedEventException("no time in the event");
        }
        return new ContactEvent(type, contactId, instanceId(arn), time(envelope, "time"), said);
    }

    private static Object parse(String body) {
        try {
            return JSON.std.anyFrom(body);
        } catch (IOException | RuntimeException e) {
            throw new RejectedEventException("not JSON: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new RejectedEventException(what + " is not a JSON object");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalObject(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        return value == null ? null : value.toString();
    }

    private static Instant time(Map<String, Object> object, String field) {
        String value = text(object, field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedEventException(field + " '" + value + "' is not a time");
        }
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    private static String lastSegment(String arn) {
        return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
    }

    private static String instanceId(String arn) {
        int at = arn.indexOf("instance/");
        return at < 0 ? arn : arn.substring(at + "instance/".length());
    }
}
