package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The loop every scheduled step runs: take contacts oldest first and work on up to {@code concurrency} of them at
 * once (each contact costs a few sequential API calls, so a single thread would leave the function idle on the
 * network); stop taking new ones while the time budget still has its margin, count each outcome. An outcome listed
 * in {@code stopAfter} ends the run (e.g. the API quota is exhausted). A contact's failure stops the run and is
 * rethrown once the contacts in flight are done.
 */
final class WorkLoop {
    private static final long DRAIN_TIMEOUT_MINUTES = 15;

    private WorkLoop() {
    }

    static void run(Stream<TrackedContact> contacts, RunBudget budget, RunSummary summary,
            Function<TrackedContact, String> work, Map<String, String> stopAfter, int concurrency) {
        AtomicReference<String> stopReason = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Semaphore slots = new Semaphore(concurrency);
        ExecutorService workers =
                Executors.newFixedThreadPool(concurrency, Concurrently.daemonThreads("contact-worker-"));
        try (contacts) {
            Iterator<TrackedContact> pending = contacts.iterator();
            while (stopReason.get() == null && failure.get() == null && pending.hasNext()) {
                // The budget is read after a slot frees up: waiting for one can take as long as a slow contact.
                slots.acquireUninterruptibly();
                if (budget.exhausted()) {
                    slots.release();
                    summary.stopEarly("time budget");
                    break;
                }
                if (stopReason.get() != null || failure.get() != null) {
                    slots.release();
                    break;
                }
                TrackedContact contact = pending.next();
                summary.read();
                workers.execute(() -> {
                    try {
                        String outcome = work.apply(contact);
                        summary.count(outcome);
                        if (stopAfter.containsKey(outcome)) {
                            stopReason.compareAndSet(null, stopAfter.get(outcome));
                        }
                    } catch (CountedFailure e) {
                        summary.count(e.outcome());
                        failure.compareAndSet(null, e.failure());
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            drain(workers);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        if (stopReason.get() != null) {
            summary.stopEarly(stopReason.get());
        }
    }

    private static void drain(ExecutorService workers) {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Contacts still in flight after " + DRAIN_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while contacts were in flight", e);
        }
    }
}
