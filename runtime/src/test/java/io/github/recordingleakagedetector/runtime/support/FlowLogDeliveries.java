package io.github.recordingleakagedetector.runtime.support;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Builds CloudWatch Logs subscription deliveries exactly as the service sends them to Lambda:
 * {@code awslogs.data} = base64(gzip(JSON)), flow-log messages as JSON strings inside.
 */
public final class FlowLogDeliveries {
    public static final String INSTANCE_ID = "11111111-2222-3333-4444-555555555555";
    public static final String FLOW_ARN = "arn:aws:connect:eu-west-2:111122223333:instance/" + INSTANCE_ID
            + "/contact-flow/66666666-7777-8888-9999-000000000000";

    private final List<Map<String, Object>> events = new ArrayList<>();
    private String messageType = "DATA_MESSAGE";
    private String flowName = "Inbound";

    public static FlowLogDeliveries delivery() {
        return new FlowLogDeliveries();
    }

    /** The flow name the blocks added from now on log (a flow designer can type anything into it). */
    public FlowLogDeliveries inFlow(String name) {
        flowName = name;
        return this;
    }

    public FlowLogDeliveries controlMessage() {
        messageType = "CONTROL_MESSAGE";
        return this;
    }

    /** The legacy Set recording behavior block. */
    public FlowLogDeliveries recordingBehaviour(String contactId, String option, String participants, Instant at) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("RecordingBehaviorOption", option);
        parameters.put("RecordingParticipantOption", participants);
        return block(contactId, "SetRecordingBehavior", parameters, at);
    }

    public FlowLogDeliveries enable(String contactId, String participants, Instant at) {
        return recordingBehaviour(contactId, "Enable", participants, at);
    }

    /**
     * The newer recording block, as the flow language names its settings: agent-leg recording for
     * {@code participants} (e.g. {@code List.of("Agent", "Customer")}; empty: off) and IVR recording on.
     */
    public FlowLogDeliveries enableWithIvr(String contactId, List<String> participants, Instant at) {
        Map<String, Object> behaviour = new LinkedHashMap<>();
        behaviour.put("RecordedParticipants", participants);
        behaviour.put("IVRRecordingBehavior", "Enabled");
        return block(contactId, "UpdateContactRecordingBehavior", Map.of("RecordingBehavior", behaviour), at);
    }

    public FlowLogDeliveries disable(String contactId, Instant at) {
        return recordingBehaviour(contactId, "Disable", "Both", at);
    }

    public FlowLogDeliveries block(String contactId, String moduleType, Map<String, Object> parameters, Instant at) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("ContactId", contactId);
        message.put("ContactFlowId", FLOW_ARN);
        message.put("ContactFlowName", flowName);
        message.put("ContactFlowModuleType", moduleType);
        message.put("Identifier", moduleType + "-block");
        message.put("Timestamp", at.toString());
        message.put("Parameters", parameters);
        try {
            return rawMessage(JSON.std.asString(message), at);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A log event with any message text, e.g. a malformed one. */
    public FlowLogDeliveries rawMessage(String message, Instant at) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "event-" + (events.size() + 1));
        event.put("timestamp", at.toEpochMilli());
        event.put("message", message);
        events.add(event);
        return this;
    }

    public String data() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("messageType", messageType);
        document.put("owner", "111122223333");
        document.put("logGroup", "/aws/connect/acme");
        document.put("logStream", "stream");
        document.put("subscriptionFilters", List.of("recording-behaviour"));
        document.put("logEvents", events);
        try {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(JSON.std.asBytes(document));
            }
            return java.util.Base64.getEncoder().encodeToString(zipped.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public CloudWatchLogsEvent event() {
        CloudWatchLogsEvent event = new CloudWatchLogsEvent();
        CloudWatchLogsEvent.AWSLogs logs = new CloudWatchLogsEvent.AWSLogs();
        logs.setData(data());
        event.setAwsLogs(logs);
        return event;
    }
}
