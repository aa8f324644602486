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
 * event each (unchanged also under Lambda's JSON log format), so Logs Insights can filter on any field (e.g.
 * {@code contactId}). While an invocation runs, every line carries its request id, the function name and whether
 * it was the container's first invocation, on the workers it starts too.
 */
public final class JsonLog {
    /** What identifies the invocation a line belongs to. */
    public record Invocation(String requestId, String functionName, boolean coldStart) {
    }

    private static volatile PrintStream out = System.out;
    private static volatile LogLevel threshold = LogLevel.INFO;
    // Inheritable: a step's workers are started by the invocation's thread, so their lines carry its request id.
    private static final InheritableThreadLocal<Invocation> INVOCATION = new InheritableThreadLocal<>();

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

    /** Lines below {@code level} are dropped; metric records never are. */
    public static void threshold(LogLevel level) {
        threshold = level;
    }

    /** Tags the lines of this thread, and of the threads it starts, with {@code invocation} until {@link #endInvocation()}. */
    public static void beginInvocation(Invocation invocation) {
        INVOCATION.set(invocation);
    }

    public static void endInvocation() {
        INVOCATION.remove();
    }

    public void debug(String event, Object... fields) {
        write(LogLevel.DEBUG, event, null, fields);
    }

    /** Logs an event; {@code fields} alternate names and values, e.g. {@code "contactId", id}. */
    public void info(String event, Object... fields) {
        write(LogLevel.INFO, event, null, fields);
    }

    public void warn(String event, Object... fields) {
        write(LogLevel.WARN, event, null, fields);
    }

    public void error(String event, Throwable error, Object... fields) {
        write(LogLevel.ERROR, event, error, fields);
    }

    private void write(LogLevel level, String event, Throwable error, Object... fields) {
        if (level.compareTo(threshold) < 0) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level.name());
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

    /** Prints an already-shaped JSON object (also embedded-metric-format records), with the invocation's fields. */
    static void print(Map<String, Object> line) {
        Invocation invocation = INVOCATION.get();
        if (invocation != null) {
            line.putIfAbsent("requestId", invocation.requestId());
            line.putIfAbsent("functionName", invocation.functionName());
            line.putIfAbsent("coldStart", invocation.coldStart());
        }
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
