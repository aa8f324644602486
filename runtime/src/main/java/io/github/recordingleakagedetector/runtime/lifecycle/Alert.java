package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A notification for people: a leak, or a contact that could not be verified. */
public record Alert(Type type, String contactId, String subject, Map<String, Object> details) {

    public enum Type {
        RECORDING_MISSING, CONTACT_UNVERIFIABLE
    }

    public Alert {
        // Insertion order kept: the message reads top-down (who, when, where it looked).
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
