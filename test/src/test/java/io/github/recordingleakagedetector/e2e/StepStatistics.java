package io.github.recordingleakagedetector.e2e;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many contacts a step read over all its invocations, its outcomes, and how long its handler ran. */
final class StepStatistics {
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder contacts = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder invocations = new LongAdder();

    void add(long contactsRead, Map<?, ?> outcomeCounts, long elapsedNanos) {
        outcomeCounts.forEach((outcome, count) -> outcomes.computeIfAbsent(String.valueOf(outcome),
                k -> new LongAdder()).add(((Number) count).longValue()));
        contacts.add(contactsRead);
        nanos.add(elapsedNanos);
        invocations.increment();
    }

    long contacts() {
        return contacts.sum();
    }

    /** The summaries' outcome counts, added up. */
    Map<String, Long> outcomes() {
        Map<String, Long> sums = new TreeMap<>();
        outcomes.forEach((outcome, count) -> sums.put(outcome, count.sum()));
        return sums;
    }

    long outcome(String name) {
        return outcomes().getOrDefault(name, 0L);
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
        return String.format("%d contacts in %d invocations, %.1f s, %.0f contacts/s; %s", contacts(), invocations(),
                seconds(), contactsPerSecond(), outcomes());
    }
}
