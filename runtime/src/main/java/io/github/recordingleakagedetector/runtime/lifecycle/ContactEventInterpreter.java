package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.envelope;
import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.object;
import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.optionalObject;
import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.text;
import static io.github.recordingleakagedetector.runtime.lifecycle.EventJson.time;

/**
 * Reads an EventBridge {@code Amazon Connect Contact Event} (the SQS message body) into a {@link ContactEvent}, or
 * says why it is rejected. Tolerant where Connect's own samples differ (the case of event types and channels),
 * strict where a wrong answer would move a contact: the instance must be this detector's, the contact id present,
 * the times parseable.
 */
public final class ContactEventInterpreter {
    static final String DETAIL_TYPE = "Amazon Connect Contact Event";

    private final String instanceArn;

    /** @param instanceArn the instance whose events are applied; any other instance's are rejected */
    public ContactEventInterpreter(String instanceArn) {
        this.instanceArn = instanceArn;
    }

    /** The event, or a {@link EventJson.RejectedEventException} saying why it cannot be applied. */
    public ContactEvent interpret(String body) {
        return interpret(envelope(body));
    }

    ContactEvent interpret(Map<String, Object> envelope) {
        if (!DETAIL_TYPE.equals(envelope.get("detail-type"))) {
            throw new EventJson.RejectedEventException("detail-type '" + envelope.get("detail-type") + "' is not '"
                    + DETAIL_TYPE + "'");
        }
        Map<String, Object> detail = object(envelope.get("detail"), "detail");
        String arn = text(detail, "instanceArn");
        if (arn == null || !arn.equalsIgnoreCase(instanceArn)) {
            throw new EventJson.RejectedEventException("instanceArn '" + arn + "' is not this detector's instance");
        }
        String typeName = text(detail, "eventType");
        ContactEvent.Type type;
        try {
            type = ContactEvent.Type.valueOf(String.valueOf(typeName).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new EventJson.RejectedEventException("eventType '" + typeName + "' is not one the detector uses");
        }
        String contactId = text(detail, "contactId");
        if (contactId == null || contactId.isBlank()) {
            throw new EventJson.RejectedEventException("no contactId");
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
            throw new EventJson.RejectedEventException("no time in the event");
        }
        return new ContactEvent(type, contactId, instanceId(arn), time(envelope, "time"), said);
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
