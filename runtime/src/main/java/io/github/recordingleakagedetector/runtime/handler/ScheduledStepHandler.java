package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.RunBudget;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A step of the state machine: ignores its input, runs within the invocation's time budget and returns the run
 * summary, which Step Functions records in the execution history. Failures are thrown, never returned, so the
 * workflow shows them.
 *
 * <p>Public, like {@link #handleRequest}: Lambda's runtime client invokes the handler string's method by reflection
 * from another package, and refuses a public method declared on a non-public class.
 */
public abstract class ScheduledStepHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.of(ScheduledStepHandler.class);

    private static final String EXECUTION_START_TIME = Handler.EXECUTION_START_TIME_FIELD;

    private final Wiring wiring;
    private final String step;
    private final EmbeddedMetrics metrics;
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);

    ScheduledStepHandler(Wiring wiring, String step) {
        this.wiring = wiring;
        this.step = step;
        this.metrics = wiring.metrics();
    }

    @Override
    public final Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try (InvocationScope scope = InvocationScope.open(context, firstInvocation)) {
            RunSummary summary = new RunSummary(step);
            try {
                run(summary, wiring.budget(context), changedBefore(input), input == null ? Map.of() : input);
            } finally {
                // Also when the run fails: leaks it already claimed and alerted must be counted, once.
                metrics.emit(metricsOf(summary));
                LOG.info("run.summary", "summary", summary.toMap());
            }
            return summary.toMap();
        }
    }

    /**
     * Contacts changed after the execution started were changed by this execution (an earlier step, or this one):
     * they wait for the next run rather than being asked about again seconds later. Without the field (a manual
     * invocation), the invocation's own start is the bound.
     */
    private Instant changedBefore(Map<String, Object> input) {
        Object start = input == null ? null : input.get(EXECUTION_START_TIME);
        if (start == null) {
            return wiring.clock().instant();
        }
        try {
            return Instant.parse(String.valueOf(start));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(EXECUTION_START_TIME + " '" + start + "' is not an ISO-8601 instant", e);
        }
    }

    abstract void run(RunSummary summary, RunBudget budget, Instant changedBefore, Map<String, Object> input);

    /** The metrics this step reports; none by default. */
    Map<MetricName, Long> metricsOf(RunSummary summary) {
        return Map.of();
    }
}
