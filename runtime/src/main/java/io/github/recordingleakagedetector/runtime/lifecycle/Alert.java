package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A notification for people: a leak, or a contact that could not be verified. */
public record Alert(Type type, String contactId, String subject, Map<String, Object> details) {

    /** What the alert reports; the SNS message attribute {@code alertType}. */
    public enum Type {
        /** No recording of an agent leg. */
        RECORDING_MISSING,
        /** A recording with less than a second of audio. */
        RECORDING_EMPTY,
        /** A recording covering less than the required share of the agent leg. */
        RECORDING_PARTIAL,
        /** No IVR recording (or an empty one), where a flow turned IVR recording on. */
        IVR_RECORDING_MISSING,
        /** A contact tracked past the maximum age without a verdict. */
        CONTACT_UNVERIFIABLE
    }

    public Alert {
        // Insertion order kept: the message reads top-down (who, when, where it looked).
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /**
     * The same for every copy of this alert: a publish and the table write confirming it cannot be atomic, so an
     * alert can be sent more than once, and subscribers de-duplicate on this id.
     */
    public String id() {
        return type.name() + ":" + contactId;
    }
}
