package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Runs independent pieces of I/O-bound work on a few daemon threads. */
final class Concurrently {
    private Concurrently() {
    }

    /**
     * Applies {@code work} to every item, up to {@code concurrency} at once, and returns when all are done. Every
     * item is tried even after one fails; the first failure is then thrown, the others suppressed in it.
     */
    static <T> void forEach(Collection<T> items, int concurrency, Consumer<T> work) {
        if (items.size() <= 1 || concurrency <= 1) {
            items.forEach(work);
            return;
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(concurrency, items.size()),
                daemonThreads("contact-worker-"));
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (T item : items) {
                pending.add(workers.submit(() -> work.accept(item)));
            }
            RuntimeException failure = null;
            for (Future<?> result : pending) {
                try {
                    result.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while work was in flight", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            workers.shutdownNow();
        }
    }

    /** Daemon threads: a worker left behind never keeps the JVM from exiting. */
    static ThreadFactory daemonThreads(String namePrefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, namePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
