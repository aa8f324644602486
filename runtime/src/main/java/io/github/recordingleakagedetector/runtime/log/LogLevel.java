package io.github.recordingleakagedetector.runtime.log;

import java.util.Locale;

/**
 * Log levels as Lambda's advanced logging controls name them ({@code AWS_LAMBDA_LOG_LEVEL}); a line is written when
 * its level is at least the function's.
 */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** The level Lambda sets in {@code AWS_LAMBDA_LOG_LEVEL}; INFO when unset or not a level. */
    public static LogLevel fromEnvironment(String value) {
        if (value == null || value.isBlank()) {
            return INFO;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return INFO;
        }
    }
}
