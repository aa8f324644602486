package io.github.recordingleakagedetector.construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Resource;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Match;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Brings Amazon Connect's contact events to the contact-event function, so that the workflow rarely needs to ask
 * Connect ({@code DescribeContact}, a quota shared with the whole account) where a contact is.
 *
 * <p>Connect publishes contact events to the account's default EventBridge bus with no set-up on its side. A rule
 * passes only this instance's {@code CONNECTED_TO_AGENT}, {@code DISCONNECTED} and {@code COMPLETED} events (the ones
 * that move a contact towards its verdict) to an SQS queue rather than to the function: EventBridge's own retries end
 * after a day and its failures are hard to see, while a queue keeps each event until the function has applied it,
 * lets the function take them in batches and report the ones that failed, and moves an event that failed 5 times to a
 * dead-letter queue (alarmed; redrive it to the queue with SQS's dead-letter queue redrive once the cause is fixed).
 * The function reads the queue through its {@code live} alias, like every other caller.
 *
 * <p>Both queues are encrypted ({@code encryptionKey}, or SSE-SQS) and refuse requests without TLS. With a customer
 * managed key, EventBridge must be able to use the key to send: the {@link SqsQueue} target grants
 * {@code events.amazonaws.com} the key in the key policy of a key created in this app; an imported key's policy
 * cannot be changed, so the construct warns instead.
 *
 * <p>With {@code recordingEvents}, a second rule passes the recording bucket's S3 {@code Object Created} and
 * {@code Object Deleted} events for keys under the recording locations to the same queue (the bucket's owner must have
 * turned on its EventBridge notifications), so the contact-event function can mark recordings seen on their contacts
 * and the check need not list the bucket for them. The queue's policy then lets each rule send, by its own ARN (with a
 * customer managed key, {@link SqsQueue} allows this account's rules instead, one statement for both).
 *
 * <p>Also here: the check schedule, an extra rule that invokes the check function's {@code live} alias directly
 * between workflow runs. With events telling when a contact ended, its recording can be judged as soon as the grace
 * period is over instead of at the next workflow run.
 */
final class ContactEventSource {

    /** Id of the synth warning about an imported {@code encryptionKey} on the contact event queue (acknowledgeable). */
    static final String IMPORTED_KEY_WARNING = "recording-leakage-detector:importedEncryptionKeyForContactEventQueue";
    /** The key-policy statement EventBridge needs to send to a queue encrypted with the key. */
    static final String EVENTS_KEY_POLICY_STATEMENT = "{\"Sid\": \"AllowEventBridgeToSendContactEvents\", "
            + "\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"events.amazonaws.com\"}, "
            + "\"Action\": [\"kms:Decrypt\", \"kms:GenerateDataKey*\"], \"Resource\": \"*\"}";
    static final String SOURCE = "aws.connect";
    static final String DETAIL_TYPE = "Amazon Connect Contact Event";
    static final String RECORDING_EVENTS_SOURCE = "aws.s3";
    /** The S3 event types that add a recording to its contact's seen recordings, or take it away. */
    static final List<String> RECORDING_EVENT_DETAIL_TYPES = List.of("Object Created", "Object Deleted");
    /** The event types the runtime applies; the others (queued, transferred, paused...) would only cost invocations. */
    static final List<String> EVENT_TYPES = List.of("CONNECTED_TO_AGENT", "DISCONNECTED", "COMPLETED");
    /** Lambda's advice for an SQS event source: at least six times the function's timeout. */
    static final Duration VISIBILITY_TIMEOUT = Duration.seconds(6 * DetectorFunctions.INGEST_TIMEOUT.toSeconds().longValue());
    /** Events are applied within seconds; four days (SQS's default) covers a long outage of the function. */
    static final Duration RETENTION = Duration.days(4);
    /** SQS's maximum: two weeks to notice the alarm and redrive. */
    static final Duration DEAD_LETTER_RETENTION = Duration.days(14);
    /** Receives before an event goes to the dead-letter queue. */
    static final int MAX_RECEIVE_COUNT = 5;
    /** At most 10 events per invocation, gathered for up to 5 seconds: a few contacts, well within the timeout. */
    static final int BATCH_SIZE = 10;
    static final Duration MAX_BATCHING_WINDOW = Duration.seconds(5);
    /** A scheduled check that cannot start within this is dropped: the next one supersedes it. */
    static final Duration MAX_CHECK_START_DELAY = Duration.minutes(1);

    /** The rule, its queue, that queue's dead-letter queue, and the recording events rule (null without). */
    record Resources(Rule rule, Queue queue, Queue deadLetterQueue, Rule recordingEventsRule) {
    }

    private ContactEventSource() {
    }

    static Resources create(Construct scope, DetectorSettings settings, DetectorFunction function) {
        Queue deadLetterQueue = encrypted(Queue.Builder.create(scope, "ContactEventDeadLetterQueue")
                .retentionPeriod(DEAD_LETTER_RETENTION)
                .enforceSsl(true), settings.encryptionKey()).build();
        Queue queue = encrypted(Queue.Builder.create(scope, "ContactEventQueue")
                .retentionPeriod(RETENTION)
                .visibilityTimeout(VISIBILITY_TIMEOUT)
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetterQueue).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .enforceSsl(true), settings.encryptionKey()).build();
        settings.encryptionKey().filter(key -> !Resource.isOwnedResource(key)).ifPresent(key -> warnImportedKey(scope, settings, key));

        // In a fixed order (Map.of's varies between JVMs): the template must not change from one synth to the next.
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("instanceArn", List.of(settings.instanceArn()));
        detail.put("eventType", EVENT_TYPES);
        Rule rule = Rule.Builder.create(scope, "ContactEventRule")
                .description("Passes the Amazon Connect instance's contact events to the Recording Leakage Detector")
                .eventPattern(EventPattern.builder()
                        .source(List.of(SOURCE))
                        .detailType(List.of(DETAIL_TYPE))
                        .detail(detail)
                        .build())
                .targets(List.of(new SqsQueue(queue)))
                .build();
        Rule recordingEventsRule = settings.recordingEvents() ? recordingEventsRule(scope, settings, queue) : null;

        function.alias().addEventSource(new SqsEventSource(queue, SqsEventSourceProps.builder()
                .batchSize(BATCH_SIZE)
                .maxBatchingWindow(MAX_BATCHING_WINDOW)
                .reportBatchItemFailures(true)
                .build()));
        return new Resources(rule, queue, deadLetterQueue, recordingEventsRule);
    }

    /**
     * The recording bucket's {@code Object Created} and {@code Object Deleted} events for keys under any recording
     * location ({@code <recordingKeyPrefix>/}, {@code <additional location>/}), to the contact event queue. The
     * {@link SqsQueue} target adds its own statement to the queue policy (this rule's ARN only) or, with a customer
     * managed key, the same statement and key grant as for the contact event rule (this account's rules; an imported
     * key is warned about once, above).
     */
    private static Rule recordingEventsRule(Construct scope, DetectorSettings settings, Queue queue) {
        List<String> locations = new ArrayList<>();
        locations.add(settings.recordingKeyPrefix());
        locations.addAll(settings.additionalRecordingLocations());
        // In a fixed order (Map.of's varies between JVMs): the template must not change from one synth to the next.
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("key", Match.anyOf(locations.stream().map(location -> (Object) Match.prefix(location + "/"))
                .toArray()));
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("bucket", Map.of("name", List.of(settings.recordingBucket().getBucketName())));
        detail.put("object", object);
        return Rule.Builder.create(scope, "RecordingEventsRule")
                .description("Passes the recording bucket's S3 events for recordings to the Recording Leakage Detector")
                .eventPattern(EventPattern.builder()
                        .source(List.of(RECORDING_EVENTS_SOURCE))
                        .detailType(RECORDING_EVENT_DETAIL_TYPES)
                        .detail(detail)
                        .build())
                .targets(List.of(new SqsQueue(queue)))
                .build();
    }

    /**
     * Invokes the check function's {@code live} alias on {@code checkSchedule} with the event's time as
     * {@code executionStartTime}, as the workflow passes its execution's start. A failed or late check is not retried:
     * the next one, a minute later by default, does the same work.
     */
    static Rule checkSchedule(Construct scope, DetectorSettings settings, DetectorFunction check) {
        check.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(0)
                .maxEventAge(MAX_CHECK_START_DELAY)
                .build());
        return Rule.Builder.create(scope, "CheckSchedule")
                .description("Runs the Recording Leakage Detector's recordings check between workflow runs")
                .schedule(settings.checkSchedule().orElseThrow())
                .targets(List.of(new LambdaFunction(check.alias(), LambdaFunctionProps.builder()
                        .event(RuleTargetInput.fromObject(checkInput()))
                        .retryAttempts(2)
                        .maxEventAge(MAX_CHECK_START_DELAY)
                        .build())))
                .build();
    }

    private static Queue.Builder encrypted(Queue.Builder queue, Optional<IKey> key) {
        key.ifPresentOrElse(
                k -> queue.encryption(QueueEncryption.KMS).encryptionMasterKey(k),
                () -> queue.encryption(QueueEncryption.SQS_MANAGED));
        return queue;
    }

    /**
     * An imported key's policy cannot be changed from this app, so the target's grant to {@code events.amazonaws.com}
     * did nothing: without a statement of its own in the key policy, EventBridge cannot send any contact event to the
     * queue (the detector then still works, by polling, as without contact events; recording events are lost the
     * same way, and the check lists the bucket instead).
     */
    private static void warnImportedKey(Construct scope, DetectorSettings settings, IKey key) {
        String keyArn = key.getKeyArn();
        String shownKey = Token.isUnresolved(keyArn) ? "" : " (" + keyArn + ")";
        Annotations.of(scope).addWarningV2(IMPORTED_KEY_WARNING, "encryptionKey" + shownKey + " is imported, and the "
                + "construct encrypts the contact event queue with it, but cannot change an imported key's policy: "
                + "EventBridge can send contact events" + (settings.recordingEvents() ? " and recording events" : "")
                + " to the queue only if the key policy allows events.amazonaws.com "
                + "to use the key. Add this statement to the key policy: " + EVENTS_KEY_POLICY_STATEMENT
                + " (or pass a key created in this app, or set contactEvents false).");
    }

    /**
     * The scheduled check's input: the event time as the execution start, and only the contacts whose grace period
     * is over (the workflow's check lists the others every five minutes; listing them every minute would multiply
     * the S3 requests while recordings upload).
     */
    private static Map<String, Object> checkInput() {
        Map<String, Object> input = new java.util.LinkedHashMap<>();
        input.put(RuntimeContract.EXECUTION_START_TIME_FIELD, EventField.getTime());
        input.put(RuntimeContract.CHECK_PAST_GRACE_PERIOD_ONLY_FIELD, true);
        return input;
    }
}
