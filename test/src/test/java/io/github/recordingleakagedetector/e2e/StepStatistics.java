package io.github.recordingleakagedetector.e2e;

import java.util.concurrent.atomic.LongAdder;

/** How many contacts a step read over all its invocations, and how long its handler ran. */
final class StepStatistics {
    private final LongAdder contacts = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder invocations = new LongAdder();

    void add(long contactsRead, long elapsedNanos) {
        contacts.add(contactsRead);
        nanos.add(elapsedNanos);
        invocations.increment();
    }

    long contacts() {
        return contacts.sum();
    }

    long invocations() {
        return invocations.sum();
    }

    double seconds() {
        return nanos.sum() / 1e9;
    }

    /** Contacts per second of handler time: what the code can do, whatever the schedule. */
    double contactsPerSecond() {
        return seconds() == 0 ? 0 : contacts() / seconds();
    }

    @Override
    public String toString() {
        return String.format("%d contacts in %d invocations, %.1f s, %.0f contacts/s", contacts(), invocations(),
                seconds(), contactsPerSecond());
    }
}
