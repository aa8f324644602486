package io.github.recordingleakagedetector.construct;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Keeps the flow-log deliveries that the ingest function could not process. CloudWatch Logs invokes the ingest
 * function asynchronously; Lambda retries a failed invocation twice and then drops the event, so a delivery that kept
 * failing (table throttled or denied, a bug) would lose the recording-behaviour events it carried, and with them the
 * contacts whose recordings should have been checked. The asynchronous invocation configuration of the {@code live}
 * alias (which the subscription filter invokes, so the configuration is the alias's, not the unqualified function's)
 * sends Lambda's invocation record of such a delivery to an SQS queue, where it waits 14 days to be replayed.
 *
 * <p>The queue is encrypted ({@code encryptionKey} when given, SSE-SQS otherwise) and refuses requests without TLS.
 * {@link SqsDestination} grants the ingest role {@code sqs:SendMessage, sqs:GetQueueAttributes, sqs:GetQueueUrl} on the
 * queue (and the data-key actions on {@code encryptionKey}); Lambda checks that permission when the configuration is
 * created, which the function's dependency on its role policy orders correctly.
 */
final class IngestFailureDestination {

    /** SQS's maximum: two weeks to notice the alarm and replay. */
    static final Duration RETENTION = Duration.days(14);
    /** Lambda's default, stated explicitly: two retries after the first attempt. */
    static final int RETRY_ATTEMPTS = 2;
    /** Lambda's default (and maximum), stated explicitly: an event older than this goes to the queue unprocessed. */
    static final Duration MAX_EVENT_AGE = Duration.hours(6);

    private IngestFailureDestination() {
    }

    static Queue create(Construct scope, DetectorSettings settings, DetectorFunction ingest) {
        Queue.Builder queue = Queue.Builder.create(scope, "IngestFailureQueue")
                .retentionPeriod(RETENTION)
                .enforceSsl(true);
        settings.encryptionKey().ifPresentOrElse(
                key -> queue.encryption(QueueEncryption.KMS).encryptionMasterKey(key),
                () -> queue.encryption(QueueEncryption.SQS_MANAGED));
        Queue failures = queue.build();
        ingest.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .onFailure(new SqsDestination(failures))
                .retryAttempts(RETRY_ATTEMPTS)
                .maxEventAge(MAX_EVENT_AGE)
                .build());
        return failures;
    }
}
