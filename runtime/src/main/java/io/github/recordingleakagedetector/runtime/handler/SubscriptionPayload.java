package io.github.recordingleakagedetector.runtime.handler;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A CloudWatch Logs subscription delivery: {@code awslogs.data} is base64 of gzip of a JSON document holding
 * {@code messageType} and {@code logEvents}. An undecodable envelope is an error of the whole delivery (there is
 * no event to skip), so it is thrown and Lambda's retry gets another chance.
 */
record SubscriptionPayload(String messageType, String logGroup, List<FlowLogRecord> logEvents) {

    static final String DATA_MESSAGE = "DATA_MESSAGE";

    static SubscriptionPayload decode(String data) {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("Subscription payload has no awslogs.data");
        }
        Map<String, Object> document;
        try (InputStream json = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
            document = JSON.std.mapFrom(json);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Subscription payload is not base64-encoded gzipped JSON: "
                    + e.getMessage(), e);
        }
        Object events = document.get("logEvents");
        List<FlowLogRecord> records = events instanceof List<?> list
                ? list.stream().map(SubscriptionPayload::record).toList()
                : List.of();
        return new SubscriptionPayload(String.valueOf(document.get("messageType")),
                String.valueOf(document.get("logGroup")), records);
    }

    /** A log event whose fields are not as expected still becomes a record, so the ingest logs and skips it. */
    private static FlowLogRecord record(Object event) {
        if (!(event instanceof Map<?, ?> fields)) {
            return new FlowLogRecord(null, 0, String.valueOf(event));
        }
        Object id = fields.get("id");
        Object timestamp = fields.get("timestamp");
        Object message = fields.get("message");
        return new FlowLogRecord(id == null ? null : id.toString(),
                timestamp instanceof Number number ? number.longValue() : 0,
                message == null ? null : message.toString());
    }
}
