package io.github.recordingleakagedetector.runtime.lifecycle;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reading EventBridge events (the queue's message bodies): every doubt becomes a {@link RejectedEventException}. */
final class EventJson {

    /** An event the detector cannot or must not apply; logged and counted, never failing the batch. */
    static final class RejectedEventException extends RuntimeException {
        RejectedEventException(String reason) {
            super(reason);
        }
    }

    private EventJson() {
    }

    static Map<String, Object> envelope(String body) {
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(body);
        } catch (IOException | RuntimeException e) {
            throw new RejectedEventException("not JSON: " + e.getMessage());
        }
        return object(parsed, "the message");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new RejectedEventException(what + " is not a JSON object");
        }
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> optionalObject(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static String text(Map<String, Object> object, String field) {
        Object value = object.get(field);
        return value == null ? null : value.toString();
    }

    static Instant time(Map<String, Object> object, String field) {
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
}
