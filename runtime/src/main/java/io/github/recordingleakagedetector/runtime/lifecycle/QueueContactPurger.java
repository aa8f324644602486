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

    private ContactResult purge(TrackedContact contact) {
        if (!store.closeAsNotApplicable(contact, clock.instant())) {
            return ContactResult.of(Outcome.RACE_LOST);
        }
        LOG.info("contact.notApplicable", "contactId", contact.contactId());
        return ContactResult.of(Outcome.NOT_APPLICABLE);
    }
}
