package io.github.recordingleakagedetector.runtime.lifecycle;

import io.github.recordingleakagedetector.runtime.log.JsonLog;
import java.time.Instant;
import java.util.Map;

/**
 * Deletes {@code COMPLETED - QUEUE/IVR} contacts: they never reached an agent, so no recording of an agent leg is
 * expected. When IVR recordings are checked, one whose flow turned IVR recording on is left to the check step.
 */
public final class QueueContactPurger {
    public static final String PURGED = "purged";
    public static final String RACE_LOST = "raceLost";

    private static final JsonLog LOG = JsonLog.of(QueueContactPurger.class);

    private final ContactStore store;
    private final boolean checkIvrRecordings;
    private final int concurrency;

    public QueueContactPurger(ContactStore store, boolean checkIvrRecordings, int concurrency) {
        this.store = store;
        this.checkIvrRecordings = checkIvrRecordings;
        this.concurrency = concurrency;
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
        if (!store.delete(contact)) {
            return RACE_LOST;
        }
        LOG.info("contact.purged", "contactId", contact.contactId());
        return PURGED;
    }
}
