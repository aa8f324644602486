package io.github.recordingleakagedetector.runtime.support;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.testing.FunctionEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Messages of the contact-event queue as Lambda's SQS event source hands them over, numbered {@code m-1, m-2...}. */
public final class QueuedEventMessages {
    private int messageIds;

    /**
     * An EventBridge contact event of the test instance; {@code agentAt} null for a contact no agent took, and no
     * disconnect time on a {@code CONNECTED_TO_AGENT}.
     */
    public static String contactEvent(String type, String contactId, Instant initiatedAt, Instant at, Instant agentAt) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("eventType", type);
        detail.put("contactId", contactId);
        detail.put("initialContactId", contactId);
        detail.put("channel", "Voice");
        detail.put("initiationMethod", "INBOUND");
        detail.put("instanceArn", FunctionEnvironment.INSTANCE_ARN);
        detail.put("initiationTimestamp", initiatedAt.toString());
        if (agentAt != null) {
            detail.put("agentInfo", Map.of("agentArn", FunctionEnvironment.INSTANCE_ARN + "/agent/agent-7",
                    "connectedToAgentTimestamp", agentAt.toString()));
        }
        detail.put("queueInfo", Map.of("queueArn", FunctionEnvironment.INSTANCE_ARN + "/queue/queue-1"));
        if (!type.equals("CONNECTED_TO_AGENT")) {
            detail.put("disconnectTimestamp", at.toString());
        }
        return json(Map.of("version", "0", "source", "aws.connect", "detail-type", "Amazon Connect Contact Event",
                "time", at.toString(), "detail", detail));
    }

    public static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One batch of these bodies, each a message with the next id. */
    public SQSEvent batch(String... bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("m-" + (++messageIds));
            message.setBody(body);
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
