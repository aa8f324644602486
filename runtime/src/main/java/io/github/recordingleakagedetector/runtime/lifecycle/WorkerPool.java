package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The one way the runtime works on several contacts at once: at most {@code size} pieces of I/O-bound work in flight
 * on daemon threads (a worker left behind never keeps the JVM from exiting). Every failure is kept, the first thrown by
 * {@link #awaitAll()} with the later ones suppressed in it; callers decide whether to stop submitting once one failed.
 */
final class WorkerPool implements AutoCloseable {
    private static final long DRAIN_TIMEOUT_MINUTES = 15;

    private final int size;
    private final Semaphore slots;
    private final ExecutorService threads;
    private RuntimeException failure;

    private WorkerPool(int size) {
        this.size = size;
        this.slots = new Semaphore(size);
        this.threads = size > 1 ? Executors.newFixedThreadPool(size, daemonThreads()) : null;
    }

    /** A pool of {@code size} workers; with one, work runs on the caller's thread. */
    static WorkerPool of(int size) {
        return new WorkerPool(Math.max(1, size));
    }

    /** Waits for a free worker, then runs {@code work} on it. */
    void submit(Runnable work) {
        submitIf(() -> true, work);
    }

    /**
     * Waits for a free worker, then runs {@code work} on it if {@code stillWanted} (asked once the worker is free:
     * waiting can take as long as a slow contact, and the time budget may be spent by then).
     *
     * @return whether the work was submitted
     */
    boolean submitIf(BooleanSupplier stillWanted, Runnable work) {
        slots.acquireUninterruptibly();
        if (!stillWanted.getAsBoolean()) {
            slots.release();
            return false;
        }
        start(work);
        return true;
    }

    private void start(Runnable work) {
        if (threads == null) {
            run(work);
            return;
        }
        threads.execute(() -> run(work));
    }

    /** Whether some work failed so far. */
    synchronized boolean failed() {
        return failure != null;
    }

    /** Waits until no work is in flight, then throws the first failure, if any. */
    void awaitAll() {
        try {
            if (!slots.tryAcquire(size, DRAIN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Work still in flight after " + DRAIN_TIMEOUT_MINUTES + " minutes");
            }
            slots.release(size);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while work was in flight", e);
        }
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Override
    public void close() {
        if (threads != null) {
            threads.shutdownNow();
        }
    }

    private void run(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            slots.release();
        }
    }

    private synchronized void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        } else {
            failure.addSuppressed(e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "contact-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
