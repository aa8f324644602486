package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactEventIngestion;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactEventInterpreter;
import io.github.recordingleakagedetector.runtime.lifecycle.Outcome;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Target of the contact-event queue (EventBridge rule → SQS → this function): applies Amazon Connect's contact events
 * to the contacts. A rejected event is logged and counted, never failing the batch; a message whose contact could not
 * be written is reported as a batch item failure, so SQS delivers it again (and, after repeated failures, to the
 * dead-letter queue) while the rest of the batch is done.
 */
public final class ContactEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.of(ContactEventHandler.class);

    private final ContactEventIngestion ingestion;
    private final ContactEventInterpreter interpreter;
    private final EmbeddedMetrics metrics;
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);

    public ContactEventHandler() {
        this(Wiring.fromSystem(Handler.CONTACT_EVENTS));
    }

    public ContactEventHandler(Wiring wiring) {
        this.ingestion = wiring.contactEvents();
        this.interpreter = new ContactEventInterpreter(
                wiring.configuration().text(EnvironmentVariable.CONNECT_INSTANCE_ARN));
        this.metrics = wiring.metrics();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (InvocationScope scope = InvocationScope.open(context, firstInvocation)) {
            List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of()
                    : event.getRecords();
            ContactEventIngestion.Result result = ingestion.ingest(records.stream()
                    .map(message -> new ContactEventIngestion.Message(message.getMessageId(), message.getBody()))
                    .toList(), interpreter);
            RunSummary summary = result.summary();
            long rejected = summary.outcome(Outcome.EVENT_REJECTED);
            long pending = summary.outcome(Outcome.EVENT_PENDING);
            metrics.emit(Map.of(
                    MetricName.ContactEventsApplied,
                    summary.readCount() - rejected - pending - result.failedMessageIds().size(),
                    MetricName.ContactEventsRejected, rejected,
                    MetricName.ContactEventsPending, pending,
                    MetricName.ContactsNotRecordedIntentionally, summary.outcome(Outcome.MOVED_TO_RECORDING_DISABLED)));
            LOG.info("run.summary", "summary", summary.toMap(), "failedMessageIds", result.failedMessageIds());
            return SQSBatchResponse.builder()
                    .withBatchItemFailures(result.failedMessageIds().stream()
                            .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                            .toList())
                    .build();
        }
    }
}
