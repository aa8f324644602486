package io.github.recordingleakagedetector.runtime.lifecycle;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The loop every scheduled step runs: take contacts oldest first, stop while the time budget still has a margin,
 * count each outcome. An outcome listed in {@code stopAfter} ends the run (e.g. the API quota is exhausted).
 */
final class WorkLoop {
    private WorkLoop() {
    }

    static void run(Stream<TrackedContact> contacts, RunBudget budget, RunSummary summary,
            Function<TrackedContact, String> work, Map<String, String> stopAfter) {
        try (contacts) {
            Iterator<TrackedContact> pending = contacts.iterator();
            while (pending.hasNext()) {
                if (budget.exhausted()) {
                    summary.stopEarly("time budget");
                    return;
                }
                TrackedContact contact = pending.next();
                summary.read();
                String outcome = work.apply(contact);
                summary.count(outcome);
                if (stopAfter.containsKey(outcome)) {
                    summary.stopEarly(stopAfter.get(outcome));
                    return;
                }
            }
        }
    }
}
