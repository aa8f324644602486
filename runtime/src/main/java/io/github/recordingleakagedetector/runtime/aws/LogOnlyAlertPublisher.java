package io.github.recordingleakagedetector.runtime.aws;

import io.github.recordingleakagedetector.runtime.lifecycle.Alert;
import io.github.recordingleakagedetector.runtime.lifecycle.AlertPublisher;
import io.github.recordingleakagedetector.runtime.log.JsonLog;

/** Used when no topic is configured: the alert is a log line (and the metric still counts it). */
public final class LogOnlyAlertPublisher implements AlertPublisher {
    private static final JsonLog LOG = JsonLog.of(LogOnlyAlertPublisher.class);

    @Override
    public void publish(Alert alert) {
        LOG.warn("alert", "alertId", alert.id(), "alertType", alert.type().name(), "contactId", alert.contactId(),
                "subject", alert.subject(), "details", alert.details());
    }
}
