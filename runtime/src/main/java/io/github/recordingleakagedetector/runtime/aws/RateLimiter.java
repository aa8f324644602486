package io.github.recordingleakagedetector.runtime.aws;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Spaces calls evenly at a fixed rate. Connect's DescribeContact quota is per account and shared with every
 * other tool, so the detector paces itself instead of relying on throttling (and its retries) to slow it down.
 */
public final class RateLimiter {
    /** Waits for a number of nanoseconds; a test substitutes one that advances a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextPermitNanos;
    private boolean started;

    public RateLimiter(double permitsPerSecond) {
        this(permitsPerSecond, System::nanoTime, nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)));
    }

    public RateLimiter(double permitsPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(permitsPerSecond > 0)) {
            throw new IllegalArgumentException("permitsPerSecond must be > 0, was " + permitsPerSecond);
        }
        this.intervalNanos = (long) (Duration.ofSeconds(1).toNanos() / permitsPerSecond);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
    }

    /** Blocks until the next call may go out. */
    public void acquire() {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (!started || nextPermitNanos < now) {
                nextPermitNanos = now;
                started = true;
            }
            waitNanos = nextPermitNanos - now;
            nextPermitNanos += intervalNanos;
        }
        if (waitNanos > 0) {
            try {
                sleeper.sleepNanos(waitNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while pacing API calls", e);
            }
        }
    }
}
