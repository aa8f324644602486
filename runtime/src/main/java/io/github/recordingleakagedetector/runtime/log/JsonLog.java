package io.github.recordingleakagedetector.runtime.log;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logging: one JSON object per line on standard output, which Lambda ships to CloudWatch Logs as one
 * event each, so Logs Insights can filter on any field (e.g. {@code contactId}).
 */
public final class JsonLog {
    private static volatile PrintStream out = System.out;

    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog of(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    /** Redirects every logger, for tests that assert on log lines. Returns the previous stream. */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }

    /** Logs an event; {@code fields} alternate names and values, e.g. {@code "contactId", id}. */
    public void info(String event, Object... fields) {
        write("INFO", event, null, fields);
    }

    public void warn(String event, Object... fields) {
        write("WARN", event, null, fields);
    }

    public void error(String event, Throwable error, Object... fields) {
        write("ERROR", event, error, fields);
    }

    private void write(String level, String event, Throwable error, Object... fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) {
            line.put(String.valueOf(fields[i]), jsonValue(fields[i + 1]));
        }
        if (error != null) {
            line.put("errorType", error.getClass().getName());
            line.put("errorMessage", String.valueOf(error.getMessage()));
        }
        print(line);
    }

    /** Prints an already-shaped JSON object (used for embedded-metric-format records). */
    static void print(Map<String, Object> line) {
        try {
            out.println(JSON.std.asString(line));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode a log line", e);
        }
    }

    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String
                || value instanceof Map || value instanceof Iterable) {
            return value;
        }
        return value.toString();
    }
}
