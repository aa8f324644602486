package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactDirectory;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactPoller;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactState;
import io.github.recordingleakagedetector.runtime.lifecycle.Outcome;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A step that describes the contacts in some states and reclassifies them (public: see {@link ScheduledStepHandler}). */
public abstract class PollingStepHandler extends ScheduledStepHandler {
    private final ContactPoller poller;
    private final List<ContactState> states;
    private final ContactDirectory directory;

    PollingStepHandler(Wiring wiring, String step, List<ContactState> states) {
        super(wiring, step);
        this.poller = new ContactPoller(wiring.store(), wiring.directory(), wiring.alerts(),
                wiring.configuration().seconds(EnvironmentVariable.MAX_TRACKING_AGE_SECONDS), wiring.eventSilence(),
                wiring.concurrency(), wiring.clock());
        this.states = states;
        this.directory = wiring.directory();
    }

    @Override
    final void run(RunSummary summary, RunBudget budget, Instant changedBefore, Map<String, Object> input) {
        poller.poll(summary, states, budget, changedBefore);
    }

    @Override
    final Map<MetricName, Long> metricsOf(RunSummary summary) {
        ContactDirectory.Usage usage = directory.drainUsage();
        return Map.of(MetricName.ContactsUnverifiable, summary.outcome(Outcome.UNVERIFIABLE),
                MetricName.ContactsNotRecordedIntentionally, summary.outcome(Outcome.MOVED_TO_RECORDING_DISABLED),
                MetricName.DescribeContactCalls, usage.calls(),
                MetricName.DescribeContactThrottled, usage.throttled());
    }
}
