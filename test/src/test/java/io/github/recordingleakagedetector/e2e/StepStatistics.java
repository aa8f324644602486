package io.github.recordingleakagedetector.e2e;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many contacts a step read over all its invocations, its outcomes, and how long its handler ran. */
final class StepStatistics {
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder contacts = new LongAdder();
    private final LongAdder nanos = new LongAdder();
    private final LongAdder invocations = new LongAdder();
    private final List<long[]> contactsAndNanosPerInvocation = new CopyOnWriteArrayList<>();

    void add(long contactsRead, Map<?, ?> outcomeCounts, long elapsedNanos) {
        outcomeCounts.forEach((outcome, count) -> outcomes.computeIfAbsent(String.valueOf(outcome),
                k -> new LongAdder()).add(((Number) count).longValue()));
        contacts.add(contactsRead);
        nanos.add(elapsedNanos);
        invocations.increment();
        contactsAndNanosPerInvocation.add(new long[] {contactsRead, elapsedNanos});
    }

    /**
     * An invocation's handler time as fixed + per contact (least squares over the invocations): the fixed part is
     * what every run pays (its index queries, the count behind {@code remaining}, starting workers), the per-contact
     * part what the step's throughput is made of. Empty when the invocations did not vary in size.
     */
    Optional<CostFit> costFit() {
        List<long[]> points = List.copyOf(contactsAndNanosPerInvocation);
        if (points.size() < 2) {
            return Optional.empty();
        }
        double n = points.size();
        double meanX = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double meanY = points.stream().mapToDouble(p -> p[1] / 1e6).sum() / n;
        double sxx = points.stream().mapToDouble(p -> (p[0] - meanX) * (p[0] - meanX)).sum();
        double sxy = points.stream().mapToDouble(p -> (p[0] - meanX) * (p[1] / 1e6 - meanY)).sum();
        if (sxx == 0) {
            return Optional.empty();
        }
        double perContact = sxy / sxx;
        return Optional.of(new CostFit(meanY - perContact * meanX, perContact));
    }

    /** Milliseconds every invocation costs, and milliseconds each contact adds. */
    record CostFit(double fixedMillis, double millisPerContact) {
        @Override
        public String toString() {
            return String.format("%.0f ms + %.2f ms/contact", fixedMillis, millisPerContact);
        }
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
        return String.format("%d contacts in %d invocations, %.1f s, %.0f contacts/s (%s); %s", contacts(),
                invocations(), seconds(), contactsPerSecond(), costFit().map(CostFit::toString).orElse("no fit"),
                outcomes());
    }
}
