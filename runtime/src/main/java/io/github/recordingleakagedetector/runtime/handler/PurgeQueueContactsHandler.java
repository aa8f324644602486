package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.QueueContactPurger;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import java.time.Instant;

/** Deletes {@code COMPLETED - QUEUE/IVR} contacts, which need no recording. */
public final class PurgeQueueContactsHandler extends ScheduledStepHandler {
    private final QueueContactPurger purger;

    public PurgeQueueContactsHandler() {
        this(Wiring.fromSystem(Handler.PURGE_QUEUE_CONTACTS));
    }

    public PurgeQueueContactsHandler(Wiring wiring) {
        super(wiring, "purgeQueueContacts");
        this.purger = new QueueContactPurger(wiring.store(),
                wiring.configuration().flag(EnvironmentVariable.CHECK_IVR_RECORDINGS), wiring.concurrency());
    }

    @Override
    void run(RunSummary summary, RunBudget budget, Instant changedBefore) {
        purger.purge(summary, budget, changedBefore);
    }
}
