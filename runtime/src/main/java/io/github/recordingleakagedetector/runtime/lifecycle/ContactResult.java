package io.github.recordingleakagedetector.runtime.lifecycle;

/**
 * What working on one contact came to: its outcome, and the failure that followed it, if any. A leak claimed (so never
 * claimed again) whose alert could not be sent is still one leak to count; the run then fails with the cause.
 */
record ContactResult(Outcome outcome, RuntimeException failure) {

    static ContactResult of(Outcome outcome) {
        return new ContactResult(outcome, null);
    }

    static ContactResult failedAfter(Outcome outcome, RuntimeException failure) {
        return new ContactResult(outcome, failure);
    }
}
