package io.github.recordingleakagedetector.runtime.lifecycle;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time left in this invocation. Work stops while a safety margin remains, so an invocation ends with its
 * writes done rather than being killed mid-item; what is left is picked up by the next run.
 */
public final class RunBudget {
    private final LongSupplier remainingMillis;
    private final long marginMillis;

    public RunBudget(LongSupplier remainingMillis, Duration margin) {
        this.remainingMillis = remainingMillis;
        this.marginMillis = margin.toMillis();
    }

    public static RunBudget unlimited() {
        return new RunBudget(() -> Long.MAX_VALUE, Duration.ZERO);
    }

    public boolean exhausted() {
        return remainingMillis.getAsLong() < marginMillis;
    }
}
