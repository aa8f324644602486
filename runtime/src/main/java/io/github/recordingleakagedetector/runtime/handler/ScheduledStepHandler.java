package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.util.Map;

/**
 * A step of the state machine: ignores its input, runs within the invocation's time budget and returns the run
 * summary, which Step Functions records in the execution history. Failures are thrown, never returned, so the
 * workflow shows them.
 */
abstract class ScheduledStepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.of(ScheduledStepHandler.class);

    private final Wiring wiring;
    private final EmbeddedMetrics metrics;

    ScheduledStepHandler(Wiring wiring) {
        this.wiring = wiring;
        this.metrics = wiring.metrics();
    }

    @Override
    public final Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        RunSummary summary = run(wiring.budget(context));
        metrics.emit(metricsOf(summary));
        Map<String, Object> result = summary.toMap();
        LOG.info("run.summary", "summary", result);
        return result;
    }

    abstract RunSummary run(RunBudget budget);

    /** The metrics this step reports; none by default. */
    Map<MetricName, Long> metricsOf(RunSummary summary) {
        return Map.of();
    }
}
