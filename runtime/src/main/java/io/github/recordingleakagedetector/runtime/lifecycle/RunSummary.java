package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one handler run did: how many items it read, a count per {@link Outcome} (by label), how many still need work, and whether
 * it stopped early. Returned as the Lambda result, so it shows in the Step Functions execution history.
 * Thread-safe: a step's workers count into one summary.
 */
public final class RunSummary {
    private final String step;
    private long read;
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long remaining;
    private String stoppedEarlyBecause;

    public RunSummary(String step) {
        this.step = step;
    }

    public synchronized void read() {
        read++;
    }

    public synchronized void count(Outcome outcome) {
        outcomes.merge(outcome.label(), 1L, Long::sum);
    }

    public synchronized long readCount() {
        return read;
    }

    public synchronized long outcome(Outcome outcome) {
        return outcomes.getOrDefault(outcome.label(), 0L);
    }

    public synchronized void remaining(long remaining) {
        this.remaining = remaining;
    }

    public synchronized void stopEarly(String reason) {
        if (stoppedEarlyBecause == null) {
            stoppedEarlyBecause = reason;
        }
    }

    public synchronized Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("step", step);
        map.put("read", read);
        map.put("outcomes", new LinkedHashMap<>(outcomes));
        map.put("remaining", remaining);
        map.put("stoppedEarly", stoppedEarlyBecause != null);
        if (stoppedEarlyBecause != null) {
            map.put("stoppedEarlyBecause", stoppedEarlyBecause);
        }
        return map;
    }
}
