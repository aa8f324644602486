package io.github.recordingleakagedetector.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One millisecond counter shared by every process of a simulation through a memory-mapped file: the test JVM moves
 * it forward to each tick, and every reading, in any process, takes the next millisecond (atomic on the shared
 * page), so no two readings anywhere are equal. The simulation's {@link SimulatedClock} and the function JVMs'
 * {@link SimulatedTimeAgent} read it.
 */
final class SharedClock {
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private final MappedByteBuffer page;

    private SharedClock(MappedByteBuffer page) {
        this.page = page;
    }

    /** Maps the file (creating it); the mapping outlives the channel. */
    static SharedClock map(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            return new SharedClock(channel.map(FileChannel.MapMode.READ_WRITE, 0, Long.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map the shared clock " + file, e);
        }
    }

    /** The next reading, in epoch milliseconds. */
    long nextMillis() {
        return (long) LONGS.getAndAdd(page, 0, 1L);
    }

    /** Moves the time forward to {@code millis}; never back, so a reading already handed out is never repeated. */
    void advanceTo(long millis) {
        long current = (long) LONGS.getVolatile(page, 0);
        while (current < millis && !LONGS.compareAndSet(page, 0, current, millis)) {
            current = (long) LONGS.getVolatile(page, 0);
        }
    }
}
