package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Iterator;
import java.util.Map;
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

    private WorkLoop() {
    }

    static void run(Stream<TrackedContact> contacts, RunBudget budget, RunSummary summary,
            Function<TrackedContact, ContactResult> work, Map<Outcome, String> stopAfter, int concurrency) {
        AtomicReference<String> stopReason = new AtomicReference<>();
        try (contacts; WorkerPool workers = WorkerPool.of(concurrency)) {
            Iterator<TrackedContact> pending = contacts.iterator();
            while (stopReason.get() == null && !workers.failed() && pending.hasNext()) {
                boolean submitted = workers.submitIf(() -> {
                    if (budget.exhausted()) {
                        summary.stopEarly("time budget");
                        return false;
                    }
                    return stopReason.get() == null && !workers.failed();
                }, work(pending.next(), summary, work, stopAfter, stopReason));
                if (!submitted) {
                    break;
                }
            }
            workers.awaitAll();
        }
        if (stopReason.get() != null) {
            summary.stopEarly(stopReason.get());
        }
    }

    private static Runnable work(TrackedContact contact, RunSummary summary, Function<TrackedContact, ContactResult> work,
            Map<Outcome, String> stopAfter, AtomicReference<String> stopReason) {
        return () -> {
            summary.read();
            ContactResult result = work.apply(contact);
            summary.count(result.outcome());
            if (stopAfter.containsKey(result.outcome())) {
                stopReason.compareAndSet(null, stopAfter.get(result.outcome()));
            }
            if (result.failure() != null) {
                throw result.failure();
            }
        };
    }
}
