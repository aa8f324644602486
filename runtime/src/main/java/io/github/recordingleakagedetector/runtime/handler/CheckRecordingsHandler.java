package io.github.recordingleakagedetector.runtime.handler;

import io.github.recordingleakagedetector.runtime.lifecycle.Outcome;
import io.github.recordingleakagedetector.runtime.config.Configuration;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactDirectory;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingChecker;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingRules;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingState;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** Last step: looks for the recordings of {@code COMPLETED - AGENT} contacts and reports the missing ones. */
public final class CheckRecordingsHandler extends ScheduledStepHandler {
    /**
     * The input field of the one-minute check schedule: only contacts whose grace period is over are checked (for a
     * verdict within a minute of it); the workflow's check, every five minutes, looks at the others, so a contact's
     * prefix is not listed every minute while its recording may still be uploading.
     */
    public static final String PAST_GRACE_PERIOD_ONLY_FIELD = "pastGracePeriodOnly";

    private final RecordingChecker checker;
    private final boolean checkIvrRecordings;
    private final ContactDirectory directory;

    public CheckRecordingsHandler() {
        this(Wiring.fromSystem(Handler.CHECK_RECORDINGS));
    }

    public CheckRecordingsHandler(Wiring wiring) {
        super(wiring, "checkRecordings");
        Configuration configuration = wiring.configuration();
        this.checkIvrRecordings = configuration.flag(EnvironmentVariable.CHECK_IVR_RECORDINGS);
        this.directory = wiring.directory();
        this.checker = new RecordingChecker(wiring.store(), wiring.archive(), wiring.directory(), wiring.alerts(),
                new RecordingChecker.Locations(configuration.text(EnvironmentVariable.RECORDING_BUCKET_NAME),
                        configuration.text(EnvironmentVariable.RECORDING_KEY_PREFIX),
                        configuration.list(EnvironmentVariable.ADDITIONAL_RECORDING_PREFIXES)),
                new RecordingRules(configuration.decimal(EnvironmentVariable.MINIMUM_RECORDED_SHARE),
                        configuration.seconds(EnvironmentVariable.MINIMUM_LEG_SECONDS_FOR_SHARE)),
                checkIvrRecordings, configuration.flag(EnvironmentVariable.RECORDING_EVENTS),
                configuration.seconds(EnvironmentVariable.RECORDING_GRACE_PERIOD_SECONDS),
                wiring.concurrency(), wiring.clock());
    }

    @Override
    void run(RunSummary summary, RunBudget budget, Instant changedBefore, Map<String, Object> input) {
        checker.check(summary, budget, changedBefore,
                Boolean.parseBoolean(String.valueOf(input.get(PAST_GRACE_PERIOD_ONLY_FIELD))));
    }

    @Override
    Map<MetricName, Long> metricsOf(RunSummary summary) {
        Map<MetricName, Long> counts = new EnumMap<>(MetricName.class);
        ContactDirectory.Usage usage = directory.drainUsage();
        counts.put(MetricName.DescribeContactCalls, usage.calls());
        counts.put(MetricName.DescribeContactThrottled, usage.throttled());
        for (RecordingState verdict : RecordingState.values()) {
            counts.put(metricOf(verdict), summary.outcome(Outcome.of(verdict)));
        }
        if (checkIvrRecordings) {
            counts.put(MetricName.ContactsNotApplicable, summary.outcome(Outcome.NOT_APPLICABLE));
            counts.put(MetricName.IvrRecordingsMissing,
                    summary.outcome(Outcome.IVR_MISSING) + summary.outcome(Outcome.IVR_EMPTY));
        }
        return counts;
    }

    /** The metric that counts a verdict. */
    static MetricName metricOf(RecordingState verdict) {
        return switch (verdict) {
            case CALL_RECORDED_SUCCESS -> MetricName.RecordingsVerified;
            case CALL_RECORDED_FAILURE -> MetricName.RecordingsMissing;
            case CALL_RECORDED_EMPTY -> MetricName.RecordingsEmpty;
            case CALL_RECORDED_PARTIAL -> MetricName.RecordingsPartial;
            case CALL_RECORDING_DELETED -> MetricName.RecordingsDeleted;
        };
    }
}
