package io.github.recordingleakagedetector.e2e;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulation's time: moved forward to each delivery and tick, and on a millisecond per reading, as a real
 * clock moves while an execution runs. Without that, every contact a step writes would get the same
 * {@code UpdatedAt}, and dynalite, whose index entries are keyed by the index key plus only six hex digits of a
 * hash of the table key, lets two contacts with equal index keys and colliding digits overwrite each other's entry
 * (the lost contact is never read again). Real DynamoDB keys index entries by the whole table key.
 */
final class SimulatedClock extends Clock {
    private final AtomicLong nextMillis = new AtomicLong();

    /**
     * Moves the time forward to {@code instant}; readings then continue a millisecond apart. Never back: a reading
     * already handed out must not be handed out again.
     */
    void advanceTo(Instant instant) {
        nextMillis.accumulateAndGet(instant.toEpochMilli(), Math::max);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(nextMillis.getAndIncrement());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
