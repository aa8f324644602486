package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.Outcome;
import io.github.recordingleakagedetector.runtime.lifecycle.QueueContactPurger;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.time.Instant;
import java.util.Map;

/** Closes {@code COMPLETED - QUEUE/IVR} contacts as not applicable: they had no agent leg to record. */
public final class PurgeQueueContactsHandler extends ScheduledStepHandler {
    private final QueueContactPurger purger;

    public PurgeQueueContactsHandler() {
        this(Wiring.fromSystem(Handler.PURGE_QUEUE_CONTACTS));
    }

    public PurgeQueueContactsHandler(Wiring wiring) {
        super(wiring, "purgeQueueContacts");
        this.purger = new QueueContactPurger(wiring.store(),
                wiring.configuration().flag(EnvironmentVariable.CHECK_IVR_RECORDINGS), wiring.concurrency(),
                wiring.clock());
    }

    @Override
    void run(RunSummary summary, RunBudget budget, Instant changedBefore, Map<String, Object> input) {
        purger.purge(summary, budget, changedBefore);
    }

    @Override
    Map<MetricName, Long> metricsOf(RunSummary summary) {
        return Map.of(MetricName.ContactsNotApplicable, summary.outcome(Outcome.NOT_APPLICABLE));
    }
}
