package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.config.Configuration;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingChecker;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.time.Instant;
import java.util.Map;

/** Last step: looks for the recordings of {@code COMPLETED - AGENT} contacts and reports the missing ones. */
public final class CheckRecordingsHandler extends ScheduledStepHandler {
    private final RecordingChecker checker;

    public CheckRecordingsHandler() {
        this(Wiring.fromSystem(Handler.CHECK_RECORDINGS));
    }

    public CheckRecordingsHandler(Wiring wiring) {
        super(wiring, "checkRecordings");
        Configuration configuration = wiring.configuration();
        this.checker = new RecordingChecker(wiring.store(), wiring.archive(), wiring.directory(), wiring.alerts(),
                configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME),
                configuration.text(EnvironmentVariable.RECORDING_KEY_PREFIX),
                configuration.seconds(EnvironmentVariable.RECORDING_GRACE_PERIOD_SECONDS),
                wiring.concurrency(), wiring.clock());
    }

    @Override
    void run(RunSummary summary, RunBudget budget, Instant changedBefore) {
        checker.check(summary, budget, changedBefore);
    }

    @Override
    Map<MetricName, Long> metricsOf(RunSummary summary) {
        return Map.of(
                MetricName.RecordingsMissing, summary.outcome(RecordingChecker.MISSING),
                MetricName.RecordingsVerified, summary.outcome(RecordingChecker.RECORDED));
    }
}
