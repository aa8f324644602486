package io.github.recordingleakagedetector.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.ContactEventIngestion;
import io.github.recordingleakagedetector.runtime.lifecycle.Outcome;
import io.github.recordingleakagedetector.runtime.lifecycle.QueuedEventReader;
import io.github.recordingleakagedetector.runtime.lifecycle.RunSummary;
import io.github.recordingleakagedetector.runtime.log.EmbeddedMetrics;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Target of the contact-event queue (EventBridge rules → SQS → this function): applies Amazon Connect's contact events
 * to the contacts, and the recording bucket's S3 events (when its owner sends them to EventBridge) to the contacts'
 * seen recordings. A rejected event is logged and counted, never failing the batch; a message whose contact could not
 * be written is reported as a batch item failure, so SQS delivers it again (and, after repeated failures, to the
 * dead-letter queue) while the rest of the batch is done.
 */
public final class ContactEventHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.of(ContactEventHandler.class);

    private final ContactEventIngestion ingestion;
    private final QueuedEventReader reader;
    private final EmbeddedMetrics metrics;
    private final AtomicBoolean firstInvocation = new AtomicBoolean(true);

    public ContactEventHandler() {
        this(Wiring.fromSystem(Handler.CONTACT_EVENTS));
    }

    public ContactEventHandler(Wiring wiring) {
        this.ingestion = wiring.contactEvents();
        this.reader = wiring.queuedEventReader();
        this.metrics = wiring.metrics();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (InvocationScope scope = InvocationScope.open(context, firstInvocation)) {
            List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of()
                    : event.getRecords();
            ContactEventIngestion.Result result = ingestion.ingest(records.stream()
                    .map(message -> new ContactEventIngestion.Message(message.getMessageId(), message.getBody()))
                    .toList(), reader);
            RunSummary summary = result.summary();
            long rejected = summary.outcome(Outcome.EVENT_REJECTED);
            long pending = summary.outcome(Outcome.EVENT_PENDING);
            long recordingsSeen = summary.outcome(Outcome.RECORDING_SEEN);
            long recordingsUnmatched = summary.outcome(Outcome.RECORDING_UNMATCHED);
            Map<MetricName, Long> counts = new EnumMap<>(MetricName.class);
            counts.put(MetricName.ContactEventsApplied, summary.readCount() - rejected - pending
                    - recordingsSeen - recordingsUnmatched - result.failedMessageIds().size());
            counts.put(MetricName.ContactEventsRejected, rejected);
            counts.put(MetricName.ContactEventsPending, pending);
            counts.put(MetricName.RecordingEventsApplied, recordingsSeen);
            counts.put(MetricName.RecordingEventsUnmatched, recordingsUnmatched);
            counts.put(MetricName.ContactsNotRecordedIntentionally,
                    summary.outcome(Outcome.MOVED_TO_RECORDING_DISABLED));
            metrics.emit(counts);
            LOG.info("run.summary", "summary", summary.toMap(), "failedMessageIds", result.failedMessageIds());
            return SQSBatchResponse.builder()
                    .withBatchItemFailures(result.failedMessageIds().stream()
                            .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                            .toList())
                    .build();
        }
    }
}
