package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogIngestion;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogRecord;
import io.github.recordingleakagedetector.runtime.lifecycle.Outcome;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Target of the flow-log subscription filter: records each contact whose flow enabled recording as
 * {@code INITIALISED}. Malformed events are logged and skipped; a table failure fails the invocation so the
 * delivery is retried (ingest is idempotent).
 */
public final class FlowLogIngestHandler implements RequestHandler<CloudWatchLogsEvent, Map<String, Object>> {
    private static final JsonLog LOG = JsonLog.of(FlowLogIngestHandler.class);

    private final FlowLogIngestion ingestion;
    private final EmbeddedMetrics metrics;
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);

    public FlowLogIngestHandler() {
        this(Wiring.fromSystem(Handler.FLOW_LOG_INGEST));
    }

    public FlowLogIngestHandler(Wiring wiring) {
        this.ingestion = new FlowLogIngestion(wiring.store(),
                wiring.configuration().days(EnvironmentVariable.CONTACT_RETENTION_DAYS), wiring.concurrency(),
                wiring.clock(), wiring.configuration().flag(EnvironmentVariable.CONTACT_EVENTS)
                        ? wiring.contactEvents() : null);
        this.metrics = wiring.metrics();
    }

    @Override
    public Map<String, Object> handleRequest(CloudWatchLogsEvent event, Context context) {
        try (InvocationScope scope = InvocationScope.open(context, firstInvocation)) {
            String data = event == null || event.getAwsLogs() == null ? null : event.getAwsLogs().getData();
            SubscriptionPayload payload = SubscriptionPayload.decode(data);
            List<FlowLogRecord> records =
                    SubscriptionPayload.DATA_MESSAGE.equals(payload.messageType()) ? payload.logEvents() : List.of();
            RunSummary summary = ingestion.ingest(records);
            metrics.emit(Map.of(
                    MetricName.MalformedLogEvents, summary.outcome(Outcome.SKIPPED),
                    MetricName.FlowLogEventsIngested, summary.readCount() - summary.outcome(Outcome.SKIPPED),
                    MetricName.ContactsNotRecordedIntentionally, summary.outcome(Outcome.DISABLED)));
            Map<String, Object> result = summary.toMap();
            LOG.info("run.summary", "messageType", payload.messageType(), "logGroup", payload.logGroup(),
                    "summary", result);
            return result;
        }
    }
}
