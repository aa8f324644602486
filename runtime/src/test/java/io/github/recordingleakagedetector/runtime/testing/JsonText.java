package io.github.recordingleakagedetector.runtime.testing;

import java.math.BigDecimal;
import java.time.Instant;

/** Minimal JSON text building for the simulators, where the exact wire form of numbers matters. */
final class JsonText {
    private final StringBuilder json = new StringBuilder();
    private boolean needsComma;

    private JsonText() {
    }

    static JsonText object() {
        JsonText text = new JsonText();
        text.json.append('{');
        return text;
    }

    /** Adds a string member; a null value is left out, as AWS does for absent members. */
    JsonText field(String name, String value) {
        if (value != null) {
            name(name).append(quote(value));
        }
        return this;
    }

    /** Adds a timestamp member as AWS JSON does: epoch seconds with millisecond fraction, e.g. 1693305011.038. */
    JsonText field(String name, Instant value) {
        if (value != null) {
            name(name).append(epochSeconds(value));
        }
        return this;
    }

    /** Adds a member whose value is already JSON text (an object or array). */
    JsonText raw(String name, String json) {
        if (json != null) {
            name(name).append(json);
        }
        return this;
    }

    String end() {
        return json.append('}').toString();
    }

    static String epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3).toPlainString();
    }

    static String quote(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private StringBuilder name(String name) {
        if (needsComma) {
            json.append(',');
        }
        needsComma = true;
        return json.append(quote(name)).append(':');
    }
}
