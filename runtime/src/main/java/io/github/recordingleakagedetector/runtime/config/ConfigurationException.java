package io.github.recordingleakagedetector.runtime.config;

/** The function's environment is incomplete or malformed; thrown at cold start, naming every offending variable. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
