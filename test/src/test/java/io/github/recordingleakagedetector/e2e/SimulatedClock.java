package io.github.recordingleakagedetector.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import io.github.recordingleakagedetector.runtime.testing.TestClock;

/**
 * The simulation's time: moved forward to each delivery and tick, and on a millisecond per reading, as a real
 * clock moves while an execution runs. Without that, every contact a step writes would get the same
 * {@code UpdatedAt}, and dynalite, whose index entries are keyed by the index key plus only six hex digits of a
 * hash of the table key, lets two contacts with equal index keys and colliding digits overwrite each other's entry
 * (the lost contact is never read again). Real DynamoDB keys index entries by the whole table key.
 *
 * <p>The time lives in a {@link SharedClock} file, so that functions running in JVMs of their own read the same
 * clock (through {@link SimulatedTimeAgent}).
 */
final class SimulatedClock extends TestClock {
    private final Path file;
    private final SharedClock shared;

    SimulatedClock() {
        try {
            this.file = Files.createTempFile("simulated-clock-", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        file.toFile().deleteOnExit();
        this.shared = SharedClock.map(file);
    }

    /** The file other processes map to share this clock. */
    Path file() {
        return file;
    }

    /**
     * Moves the time forward to {@code instant}; readings then continue a millisecond apart. Never back: a reading
     * already handed out must not be handed out again.
     */
    void advanceTo(Instant instant) {
        shared.advanceTo(instant.toEpochMilli());
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(shared.nextMillis());
    }
}
