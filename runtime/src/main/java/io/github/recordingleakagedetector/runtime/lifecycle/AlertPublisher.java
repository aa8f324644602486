package io.github.recordingleakagedetector.runtime.lifecycle;

/** Delivers alerts; throws when delivery failed, so the caller leaves the alert pending for a retry. */
public interface AlertPublisher {
    void publish(Alert alert);
}
