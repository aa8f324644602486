package io.github.recordingleakagedetector.runtime.aws;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.lifecycle.Alert;
import io.github.recordingleakagedetector.runtime.lifecycle.AlertPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * Publishes alerts to an SNS topic: the subject for e-mail readers, the details as a JSON message for machines,
 * and {@code alertType}/{@code contactId} as message attributes so subscribers can filter, {@code alertId} so they
 * can drop a copy of an alert already received.
 */
public final class SnsAlertPublisher implements AlertPublisher {
    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(Alert alert) {
        sns.publish(r -> r.topicArn(topicArn)
                .subject(alert.subject())
                .message(json(alert))
                .messageAttributes(Map.of(
                        "alertId", attribute(alert.id()),
                        "alertType", attribute(alert.type().name()),
                        "contactId", attribute(alert.contactId()))));
    }

    static String json(Alert alert) {
        try {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("alertId", alert.id());
            message.put("alertType", alert.type().name());
            message.put("subject", alert.subject());
            message.put("details", alert.details());
            return JSON.std.asString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageAttributeValue attribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
