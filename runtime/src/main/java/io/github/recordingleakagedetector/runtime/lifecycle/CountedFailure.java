package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * A contact's work failed after reaching an outcome that must still be counted: a leak claimed (and so never
 * claimed again) whose alert could not be sent is still one leak for the {@code RecordingsMissing} metric.
 * {@link WorkLoop} counts the outcome, then fails the run with the cause.
 */
final class CountedFailure extends RuntimeException {
    private final String outcome;

    CountedFailure(String outcome, RuntimeException cause) {
        super(cause.getMessage(), cause);
        this.outcome = outcome;
    }

    String outcome() {
        return outcome;
    }

    RuntimeException failure() {
        return (RuntimeException) getCause();
    }
}
