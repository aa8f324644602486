package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Closes {@code COMPLETED - QUEUE/IVR} contacts as not applicable: they never reached an agent, so no recording of
 * an agent leg is expected. They stay in the table (until its TTL) for the day's coverage figures, out of the work
 * index. When IVR recordings are checked, one whose flow turned IVR recording on is left to the check step.
 */
public final class QueueContactPurger {
    public static final String NOT_APPLICABLE = "notApplicable";
    public static final String RACE_LOST = "raceLost";

    private static final JsonLog LOG = JsonLog.of(QueueContactPurger.class);

    private final ContactStore store;
    private final boolean checkIvrRecordings;
    private final int concurrency;
    private final Clock clock;

    public QueueContactPurger(ContactStore store, boolean checkIvrRecordings, int concurrency, Clock clock) {
        this.store = store;
        this.checkIvrRecordings = checkIvrRecordings;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** Purges the queue/IVR contacts that last changed before {@code changedBefore}. */
    public RunSummary purge(RunSummary summary, RunBudget budget, Instant changedBefore) {
        WorkLoop.run(store.needingWork(ContactState.COMPLETED_QUEUE_IVR, changedBefore)
                        .filter(contact -> !(checkIvrRecordings && contact.behaviour().expectsIvrRecording())),
                budget, summary, this::purge, Map.of(), concurrency);
        summary.remaining(store.countNeedingWork(ContactState.COMPLETED_QUEUE_IVR));
        return summary;
    }

    private String purge(TrackedContact contact) {
        if (!store.closeAsNotApplicable(contact, clock.instant())) {
            return RACE_LOST;
        }
        LOG.info("contact.notApplicable", "contactId", contact.contactId());
        return NOT_APPLICABLE;
    }
}
