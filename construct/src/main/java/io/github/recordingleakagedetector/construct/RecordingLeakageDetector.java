package io.github.recordingleakagedetector.construct;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import io.github.recordingleakagedetector.construct.RuntimeContract.Env;
import io.github.recordingleakagedetector.construct.RuntimeContract.Handler;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.events.IRule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.Grant;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.IStateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * Tells an Amazon Connect contact centre which calls that should have been recorded have no recording in S3.
 *
 * <p>A subscription filter on the contact-flow log group sends recording-behaviour events to an ingest function, which
 * tracks each contact in a DynamoDB table; deliveries that still fail after Lambda's retries are kept in the
 * {@linkplain #getIngestFailureQueue() ingest failure queue} for replay. Every 5 minutes (by default) an EventBridge
 * rule starts a state machine: poll new contacts, then in parallel purge contacts that never reached an agent, and poll
 * contacts in progress and check the recordings of completed agent contacts (also when polling new contacts failed:
 * the execution then fails afterwards). A missing recording is published to the alert topic and counted in the
 * {@code RecordingsMissing} metric, which is alarmed, as are workflow failures and time-outs, ingest errors, ingest
 * deliveries waiting in the failure queue, malformed log events and contacts that could not be verified.
 *
 * <p>With {@code contactEvents} (the default), Amazon Connect's contact events for the instance reach a contact-event
 * function through an EventBridge rule and an SQS queue, so that the workflow asks Connect ({@code DescribeContact})
 * only about contacts whose events stay away, and a check schedule judges recordings every minute between workflow
 * runs. Events the function could not apply wait in a dead-letter queue; that and rejected events are alarmed.
 *
 * <pre>{@code
 * new RecordingLeakageDetector(this, "Detector", RecordingLeakageDetectorProps.builder()
 *         .instanceArn("arn:aws:connect:eu-west-2:111122223333:instance/...")
 *         .flowLogGroup(LogGroup.fromLogGroupName(this, "FlowLogs", "/aws/connect/my-alias"))
 *         .recordingBucket(Bucket.fromBucketName(this, "Recordings", "my-connect-recordings"))
 *         .alertEmails(List.of("compliance@example.com"))
 *         .build());
 * }</pre>
 */
public class RecordingLeakageDetector extends Construct {

    /** The DynamoDB actions {@link #grantReadContacts(IGrantable)} grants, on the table and its index. */
    public static final List<String> READ_CONTACTS_ACTIONS = List.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:Scan",
            "dynamodb:DescribeTable");

    private final DetectorSettings settings;
    private final Table contactTable;
    private final ITopic alertTopic;
    private final Map<Handler, DetectorFunction> functions;
    private final Queue ingestFailureQueue;
    private final ContactEventSource.Resources contactEventSource;
    private final IRule checkScheduleRule;
    private final StateMachine stateMachine;
    private final IRule scheduleRule;
    private final IBucket evidenceBucket;
    private final ITopic reportTopic;
    private final IRule evidenceScheduleRule;
    private final Map<DetectorAlarm, Alarm> alarms;
    private final Dashboard dashboard;

    /**
     * Creates the detector.
     *
     * @throws IllegalArgumentException naming every invalid prop and its value
     */
    public RecordingLeakageDetector(Construct scope, String id, RecordingLeakageDetectorProps props) {
        super(scope, id);
        this.settings = DetectorSettings.resolve(this, props);
        this.contactTable = ContactTableFactory.create(this, settings);
        this.alertTopic = DetectorAlerting.topic(this, props.getAlertTopic(), settings);
        this.evidenceBucket = DetectorEvidence.bucket(this, settings);
        this.reportTopic = DetectorEvidence.reportTopic(this, settings);
        this.functions = DetectorFunctions.create(this, settings, runtimeEnvironment());
        DetectorPermissions.grant(functions, contactTable, alertTopic, settings);
        DetectorEvidence.grant(functions.get(Handler.DAILY_EVIDENCE), evidenceBucket, reportTopic, settings);
        this.evidenceScheduleRule = DetectorEvidence.schedule(this, functions.get(Handler.DAILY_EVIDENCE));
        this.ingestFailureQueue = IngestFailureDestination.create(this, settings, functions.get(Handler.FLOW_LOG_INGEST));
        FlowLogSubscription.create(this, settings.flowLogGroup(), functions.get(Handler.FLOW_LOG_INGEST).alias());
        this.contactEventSource = settings.contactEvents()
                ? ContactEventSource.create(this, settings, functions.get(Handler.CONTACT_EVENTS))
                : null;
        this.stateMachine = DetectionWorkflow.create(this, settings, functions);
        this.scheduleRule = DetectionSchedule.create(this, settings, stateMachine);
        this.checkScheduleRule = settings.contactEvents()
                ? ContactEventSource.checkSchedule(this, settings, functions.get(Handler.CHECK_RECORDINGS))
                : null;
        this.alarms = createAlarms();
        this.dashboard = settings.dashboard()
                ? DetectorDashboard.create(this, this, stateMachine, ingestFailureQueue, contactEventSource, getAlarms(),
                        settings)
                : null;
        NagSuppressionMetadata.apply(functions, stateMachine, ingestFailureQueue, evidenceBucket, settings);
    }

    /** The values of every variable the runtime reads; each function gets the subset its handler reads. */
    private Map<Env, String> runtimeEnvironment() {
        Map<Env, String> environment = new EnumMap<>(Env.class);
        environment.put(Env.CONTACT_TABLE_NAME, contactTable.getTableName());
        environment.put(Env.RECORDING_BUCKET_NAME, settings.recordingBucket().getBucketName());
        environment.put(Env.RECORDING_KEY_PREFIX, settings.recordingKeyPrefix());
        environment.put(Env.ADDITIONAL_RECORDING_PREFIXES, String.join(",", settings.additionalRecordingLocations()));
        environment.put(Env.MINIMUM_RECORDED_SHARE, settings.minimumRecordedShare());
        environment.put(Env.MINIMUM_LEG_SECONDS_FOR_SHARE, Long.toString(settings.minimumLegForRecordedShareSeconds()));
        environment.put(Env.CHECK_IVR_RECORDINGS, Boolean.toString(settings.checkIvrRecordings()));
        environment.put(Env.RECORDING_GRACE_PERIOD_SECONDS, Long.toString(settings.recordingGracePeriodSeconds()));
        environment.put(Env.DESCRIBE_CONTACT_RATE_LIMIT, settings.describeContactRateLimit());
        environment.put(Env.MAX_TRACKING_AGE_SECONDS, Long.toString(settings.maxTrackingAgeSeconds()));
        environment.put(Env.CONTACT_RETENTION_DAYS, Long.toString(settings.contactRetentionDays()));
        environment.put(Env.ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        environment.put(Env.SAFETY_MARGIN_SECONDS, Long.toString(RecordingLeakageDetectorDefaults.SAFETY_MARGIN.toSeconds().longValue()));
        environment.put(Env.CONCURRENT_CONTACTS, Integer.toString(RecordingLeakageDetectorDefaults.CONCURRENT_CONTACTS));
        environment.put(Env.REPORTING_TIME_ZONE, settings.reportingTimeZone());
        environment.put(Env.EVIDENCE_BUCKET_NAME, evidenceBucket.getBucketName());
        environment.put(Env.EVIDENCE_KEY_PREFIX, RecordingLeakageDetectorDefaults.EVIDENCE_KEY_PREFIX);
        environment.put(Env.COMPLIANCE_TARGET_PERCENT, settings.complianceTarget()
                .map(target -> BigDecimal.valueOf(target).stripTrailingZeros().toPlainString()).orElse(""));
        environment.put(Env.REPORT_TOPIC_ARN, reportTopic.getTopicArn());
        environment.put(Env.METRICS_NAMESPACE, settings.metricsNamespace());
        environment.put(Env.DETECTOR_NAME, settings.detectorName());
        environment.put(Env.CONNECT_INSTANCE_ARN, settings.instanceArn());
        environment.put(Env.CONTACT_EVENTS, Boolean.toString(settings.contactEvents()));
        environment.put(Env.LIVE_CONTACT_EVENT_SILENCE_SECONDS, Long.toString(settings.liveContactEventSilenceSeconds()));
        environment.put(Env.INITIALISED_CONTACT_EVENT_SILENCE_SECONDS,
                Long.toString(settings.initialisedContactEventSilenceSeconds()));
        environment.put(Env.RECORDING_EVENTS, Boolean.toString(settings.recordingEvents()));
        return environment;
    }

    private Map<DetectorAlarm, Alarm> createAlarms() {
        MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
        DetectorAlarms alarms = new DetectorAlarms(this, settings, settings.alarmTopic().orElse(alertTopic))
                .onAny(DetectorAlarm.RECORDINGS_MISSING, metricRecordingsMissing(),
                        "Agent calls that should have been recorded have no recording")
                .onAny(DetectorAlarm.RECORDINGS_EMPTY, metricRecordingsEmpty(),
                        "Agent calls whose recording holds less than a second of audio")
                .onAny(DetectorAlarm.RECORDINGS_PARTIAL, metricRecordingsPartial(),
                        "Agent calls whose recording covers less than the required share of the call")
                .onAny(DetectorAlarm.CONTACTS_UNVERIFIABLE, metricContactsUnverifiable(),
                        "Contacts tracked past maxTrackingAge without a verdict")
                .onAny(DetectorAlarm.INGEST_ERRORS, getIngestFunction().metricErrors(fiveMinutes),
                        "The flow-log ingest function failed: recording-behaviour events may be untracked")
                .onAny(DetectorAlarm.MALFORMED_LOG_EVENTS, metricMalformedLogEvents(),
                        "Flow-log events the ingest function could not understand were skipped")
                .onAny(DetectorAlarm.WORKFLOW_FAILED, stateMachine.metricFailed(fiveMinutes),
                        "A detection workflow execution failed")
                .onAny(DetectorAlarm.WORKFLOW_TIMED_OUT, stateMachine.metricTimedOut(fiveMinutes),
                        "A detection workflow execution timed out")
                .onAny(DetectorAlarm.INGEST_FAILURES_QUEUED, ingestFailureQueue.metricApproximateNumberOfMessagesVisible(
                        MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
                        "Flow-log deliveries failed after Lambda's retries and wait in the ingest failure queue: fix the "
                                + "cause, then replay them to the ingest function's live alias");
        if (contactEventSource != null) {
            alarms.onAny(DetectorAlarm.CONTACT_EVENTS_DEAD_LETTERED,
                            contactEventSource.deadLetterQueue().metricApproximateNumberOfMessagesVisible(
                                    MetricOptions.builder().period(Duration.minutes(5)).statistic("Maximum").build()),
                            "Contact events failed " + ContactEventSource.MAX_RECEIVE_COUNT + " times and wait in the "
                                    + "contact event dead-letter queue: fix the cause, then redrive them to the contact "
                                    + "event queue (their contacts are polled meanwhile)")
                    .onAny(DetectorAlarm.CONTACT_EVENTS_REJECTED, metricContactEventsRejected(),
                            "Contact events were rejected (unparseable, of another instance, or of an unknown type)");
        }
        if (settings.checkIvrRecordings()) {
            alarms.onAny(DetectorAlarm.IVR_RECORDINGS_MISSING, metricIvrRecordingsMissing(),
                    "Contacts whose flow turned IVR recording on have no IVR recording");
        }
        long workflowMinutes = settings.workflowSilencePeriods() * DetectorSettings.WORKFLOW_SILENCE_PERIOD_MINUTES;
        alarms.onSilence(DetectorAlarm.WORKFLOW_NOT_SUCCEEDING, stateMachine.metricSucceeded(MetricOptions.builder()
                        .period(Duration.minutes(DetectorSettings.WORKFLOW_SILENCE_PERIOD_MINUTES)).build()),
                settings.workflowSilencePeriods(), "Blind detector: no detection workflow execution succeeded for "
                        + workflowMinutes + " minutes, so no contact is being checked");
        if (settings.flowLogSilenceHours() > 0) {
            alarms.onSilence(DetectorAlarm.FLOW_LOG_SILENCE,
                    metricFlowLogEventsIngested(MetricOptions.builder().period(Duration.hours(1)).build()),
                    settings.flowLogSilenceHours(), "Blind detector: no flow-log event was ingested for "
                            + settings.flowLogSilenceHours() + " hours, so new calls are not being tracked");
        }
        settings.complianceTarget().ifPresent(target -> alarms.below(DetectorAlarm.COMPLIANCE_BELOW_TARGET,
                metricCompliance(), target, "Recording compliance over the last 24 hours is below the target of "
                        + BigDecimal.valueOf(target).stripTrailingZeros().toPlainString() + "%"));
        alarms.onAny(DetectorAlarm.EVIDENCE_ERRORS,
                getEvidenceFunction().metricErrors(MetricOptions.builder().period(Duration.hours(1)).build()),
                "The daily evidence function failed: a day's evidence may be missing until it succeeds");
        return alarms.created();
    }

    /**
     * Completed agent contacts whose recording is missing after the grace period (one per leak): Sum over 5 minutes.
     * The construct alarms when it is at least 1.
     */
    public Metric metricRecordingsMissing() {
        return metricRecordingsMissing(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingsMissing()} with options (period, statistic, label...) applied on top. */
    public Metric metricRecordingsMissing(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDINGS_MISSING, options);
    }

    /**
     * Completed agent contacts whose recording holds less than a second of audio (one per leak): Sum over 5 minutes.
     * The construct alarms when it is at least 1.
     */
    public Metric metricRecordingsEmpty() {
        return metricRecordingsEmpty(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingsEmpty()} with options applied on top. */
    public Metric metricRecordingsEmpty(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDINGS_EMPTY, options);
    }

    /**
     * Completed agent contacts whose recording covers less than {@code minimumRecordedShare} of the agent leg (one per
     * leak): Sum over 5 minutes. The construct alarms when it is at least 1.
     */
    public Metric metricRecordingsPartial() {
        return metricRecordingsPartial(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingsPartial()} with options applied on top. */
    public Metric metricRecordingsPartial(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDINGS_PARTIAL, options);
    }

    /**
     * Completed agent contacts whose recording Connect reports as deleted (with its reason): not a leak, no alarm;
     * Sum over 5 minutes.
     */
    public Metric metricRecordingsDeleted() {
        return metricRecordingsDeleted(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingsDeleted()} with options applied on top. */
    public Metric metricRecordingsDeleted(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDINGS_DELETED, options);
    }

    /**
     * Contacts whose flow turned IVR recording on and whose IVR recording is missing or empty (one per leak), when
     * {@code checkIvrRecordings} is on: Sum over 5 minutes. The construct then alarms when it is at least 1.
     */
    public Metric metricIvrRecordingsMissing() {
        return metricIvrRecordingsMissing(MetricOptions.builder().build());
    }

    /** {@link #metricIvrRecordingsMissing()} with options applied on top. */
    public Metric metricIvrRecordingsMissing(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_IVR_RECORDINGS_MISSING, options);
    }

    /** Completed agent contacts whose recording was found: Sum over 5 minutes. */
    public Metric metricRecordingsVerified() {
        return metricRecordingsVerified(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingsVerified()} with options applied on top. */
    public Metric metricRecordingsVerified(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDINGS_VERIFIED, options);
    }

    /**
     * Contacts tracked past {@code maxTrackingAge} without a verdict (they count against compliance): Sum over 5
     * minutes. The construct alarms when it is at least 1.
     */
    public Metric metricContactsUnverifiable() {
        return metricContactsUnverifiable(MetricOptions.builder().build());
    }

    /** {@link #metricContactsUnverifiable()} with options applied on top. */
    public Metric metricContactsUnverifiable(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_CONTACTS_UNVERIFIABLE, options);
    }

    /**
     * Contacts whose flow turned recording off before an agent joined (intentionally not recorded): Sum over 5
     * minutes.
     */
    public Metric metricContactsNotRecordedIntentionally() {
        return metricContactsNotRecordedIntentionally(MetricOptions.builder().build());
    }

    /** {@link #metricContactsNotRecordedIntentionally()} with options applied on top. */
    public Metric metricContactsNotRecordedIntentionally(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_CONTACTS_NOT_RECORDED_INTENTIONALLY, options);
    }

    /** Contacts that ended without reaching an agent (no agent leg to record): Sum over 5 minutes. */
    public Metric metricContactsNotApplicable() {
        return metricContactsNotApplicable(MetricOptions.builder().build());
    }

    /** {@link #metricContactsNotApplicable()} with options applied on top. */
    public Metric metricContactsNotApplicable(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_CONTACTS_NOT_APPLICABLE, options);
    }

    /** Flow-log events the ingest function skipped because it could not understand them: Sum over 5 minutes. */
    public Metric metricMalformedLogEvents() {
        return metricMalformedLogEvents(MetricOptions.builder().build());
    }

    /** {@link #metricMalformedLogEvents()} with options applied on top. */
    public Metric metricMalformedLogEvents(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_MALFORMED_LOG_EVENTS, options);
    }

    /**
     * Flow-log events the ingest function read and applied: Sum over 5 minutes. The {@code FlowLogSilenceAlarm}
     * fires when its hourly sum stays below 1 for {@code flowLogSilencePeriod}.
     */
    public Metric metricFlowLogEventsIngested() {
        return metricFlowLogEventsIngested(MetricOptions.builder().build());
    }

    /** {@link #metricFlowLogEventsIngested()} with options applied on top. */
    public Metric metricFlowLogEventsIngested(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_FLOW_LOG_EVENTS_INGESTED, options);
    }

    /** {@code DescribeContact} requests the workflow's functions made: Sum over 5 minutes. */
    public Metric metricDescribeContactCalls() {
        return metricDescribeContactCalls(MetricOptions.builder().build());
    }

    /** {@link #metricDescribeContactCalls()} with options applied on top. */
    public Metric metricDescribeContactCalls(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_DESCRIBE_CONTACT_CALLS, options);
    }

    /**
     * {@code DescribeContact} requests still throttled after the SDK's retries (the contact waits for the next run;
     * lasting throttling means the account's quota is used up): Sum over 5 minutes.
     */
    public Metric metricDescribeContactThrottled() {
        return metricDescribeContactThrottled(MetricOptions.builder().build());
    }

    /** {@link #metricDescribeContactThrottled()} with options applied on top. */
    public Metric metricDescribeContactThrottled(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_DESCRIBE_CONTACT_THROTTLED, options);
    }

    /**
     * Amazon Connect contact events the contact-event function applied to a tracked contact (with
     * {@code contactEvents}): Sum over 5 minutes.
     */
    public Metric metricContactEventsApplied() {
        return metricContactEventsApplied(MetricOptions.builder().build());
    }

    /** {@link #metricContactEventsApplied()} with options applied on top. */
    public Metric metricContactEventsApplied(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_CONTACT_EVENTS_APPLIED, options);
    }

    /**
     * Contact events the contact-event function rejected: unparseable, of another instance, or of an unknown type
     * (with {@code contactEvents}): Sum over 5 minutes. The construct alarms when it is at least 1.
     */
    public Metric metricContactEventsRejected() {
        return metricContactEventsRejected(MetricOptions.builder().build());
    }

    /** {@link #metricContactEventsRejected()} with options applied on top. */
    public Metric metricContactEventsRejected(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_CONTACT_EVENTS_REJECTED, options);
    }

    /**
     * Contact events for a contact the flow log has not announced yet, kept briefly for it (events can arrive before
     * the flow-log delivery; with {@code contactEvents}): Sum over 5 minutes.
     */
    public Metric metricContactEventsPending() {
        return metricContactEventsPending(MetricOptions.builder().build());
    }

    /** {@link #metricContactEventsPending()} with options applied on top. */
    public Metric metricContactEventsPending(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_CONTACT_EVENTS_PENDING, options);
    }

    /**
     * The recording bucket's S3 events ({@code Object Created}, {@code Object Deleted}) the contact-event function
     * applied to their contact's seen recordings (with {@code recordingEvents}): Sum over 5 minutes. Each saves the
     * check a listing of the bucket, or settles one.
     */
    public Metric metricRecordingEventsApplied() {
        return metricRecordingEventsApplied(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingEventsApplied()} with options applied on top. */
    public Metric metricRecordingEventsApplied(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDING_EVENTS_APPLIED, options);
    }

    /**
     * S3 recording events that named no open contact: a file whose name holds no contact id, or a contact not tracked
     * or already judged (with {@code recordingEvents}): Sum over 5 minutes. Nothing is lost: the check lists the
     * bucket for any contact whose recording was not seen. No alarm.
     */
    public Metric metricRecordingEventsUnmatched() {
        return metricRecordingEventsUnmatched(MetricOptions.builder().build());
    }

    /** {@link #metricRecordingEventsUnmatched()} with options applied on top. */
    public Metric metricRecordingEventsUnmatched(MetricOptions options) {
        return detectorMetric(RuntimeContract.METRIC_RECORDING_EVENTS_UNMATCHED, options);
    }

    /**
     * Compliance in percent: recorded / (recorded + missing + empty + partial + unverifiable), counted by the time
     * each verdict was reached, over 1 day (a rolling 24 hours in an alarm). Deleted recordings, intentionally
     * unrecorded calls and calls that never reached an agent are not judged. A period in which no call had to be
     * recorded shows 100. The {@code ComplianceBelowTargetAlarm} watches it when {@code complianceTarget} is set. The
     * exact figure of a reporting day is in that day's evidence ({@code summary.json}).
     */
    public MathExpression metricCompliance() {
        return metricCompliance(MetricOptions.builder().build());
    }

    /**
     * {@link #metricCompliance()} over another period ({@code options.period}) or with another label; the statistic is
     * always the Sum of each count, and other options do not apply to metric math.
     */
    public MathExpression metricCompliance(MetricOptions options) {
        Duration period = options.getPeriod() != null ? options.getPeriod() : Duration.days(1);
        MetricOptions counts = MetricOptions.builder().period(period).build();
        // In a fixed order (Map.of's varies between JVMs): the template must not change from one synth to the next.
        Map<String, IMetric> usingMetrics = new LinkedHashMap<>();
        usingMetrics.put("recorded", metricRecordingsVerified(counts));
        usingMetrics.put("missing", metricRecordingsMissing(counts));
        usingMetrics.put("empty", metricRecordingsEmpty(counts));
        usingMetrics.put("partial", metricRecordingsPartial(counts));
        usingMetrics.put("unverifiable", metricContactsUnverifiable(counts));
        String required = "(FILL(recorded, 0) + FILL(missing, 0) + FILL(empty, 0) + FILL(partial, 0) "
                + "+ FILL(unverifiable, 0))";
        return MathExpression.Builder.create()
                .expression("IF(" + required + " > 0, 100 * FILL(recorded, 0) / " + required + ", 100)")
                .usingMetrics(usingMetrics)
                .period(period)
                .label(options.getLabel() != null ? options.getLabel() : "Compliance %")
                .build();
    }

    /**
     * Any metric the runtime emits for this detector, by name (e.g. {@code "RecordingsMissing"}: the names are those
     * of the {@code metric...()} methods), in its namespace and with its {@code Detector} dimension: Sum over 5
     * minutes unless {@code options} say otherwise.
     */
    public Metric metric(String metricName, MetricOptions options) {
        return detectorMetric(metricName, options);
    }

    private Metric detectorMetric(String metricName, MetricOptions options) {
        return Metric.Builder.create()
                .namespace(settings.metricsNamespace())
                .metricName(metricName)
                .dimensionsMap(Map.of(RuntimeContract.DETECTOR_DIMENSION, settings.detectorName()))
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build()
                .with(options);
    }

    /**
     * Lets a reporting tool read the contact table and its {@code State-UpdatedAt-index}, and nothing else. Grants
     * exactly {@link #READ_CONTACTS_ACTIONS}: {@code dynamodb:GetItem, dynamodb:BatchGetItem, dynamodb:Query,
     * dynamodb:Scan, dynamodb:DescribeTable} on the table ARN and on {@code <tableArn>/index/*}; and, when the table is
     * encrypted with the customer managed {@code encryptionKey}, {@code kms:Decrypt, kms:DescribeKey} on that key.
     *
     * <p>Narrower than {@code Table.grantReadData}, which adds {@code dynamodb:ConditionCheckItem} (a transactional
     * write condition) and the stream actions {@code GetRecords, GetShardIterator} (the table has no stream).
     *
     * @param grantee the principal to grant to, e.g. a reporting function's role
     * @return the table grant (the key grant, if any, is added alongside it)
     */
    public Grant grantReadContacts(IGrantable grantee) {
        Grant grant = contactTable.grant(grantee, READ_CONTACTS_ACTIONS.toArray(String[]::new));
        settings.encryptionKey().ifPresent(key -> key.grant(grantee, "kms:Decrypt", "kms:DescribeKey"));
        return grant;
    }

    /**
     * Lets a principal replay the deliveries waiting in the ingest failure queue (see
     * {@link #getIngestFailureQueue()}): {@code sqs:ReceiveMessage, sqs:ChangeMessageVisibility, sqs:GetQueueUrl,
     * sqs:DeleteMessage, sqs:GetQueueAttributes} on the queue (plus {@code kms:Decrypt} on its key when it has a
     * customer managed one) and {@code lambda:InvokeFunction} on the ingest function's {@code live} alias.
     *
     * @param grantee e.g. an operator role or a replay function
     * @return the queue grant combined with the invoke grant
     */
    public Grant grantReplayIngestFailures(IGrantable grantee) {
        return ingestFailureQueue.grantConsumeMessages(grantee).combine(getIngestAlias().grantInvoke(grantee));
    }

    /** The contact table (partition key {@code ContactId}, index {@code State-UpdatedAt-index}). */
    public ITable getContactTable() {
        return contactTable;
    }

    /** The detection state machine. */
    public IStateMachine getStateMachine() {
        return stateMachine;
    }

    /**
     * The topic alerts are published to (and the alarms, unless {@code alarmTopic} is given): the one given as
     * {@code alertTopic}, or the one created.
     */
    public ITopic getAlertTopic() {
        return alertTopic;
    }

    /** The EventBridge rule that starts the state machine. */
    public IRule getScheduleRule() {
        return scheduleRule;
    }

    /**
     * The bucket the daily evidence goes to, under {@code evidence/YYYY/MM/DD/}: the one given as
     * {@code evidenceBucket}, or the one created.
     */
    public IBucket getEvidenceBucket() {
        return evidenceBucket;
    }

    /** The topic the daily evidence summary is published to: the one given as {@code reportTopic}, or the one created. */
    public ITopic getReportTopic() {
        return reportTopic;
    }

    /** The hourly EventBridge rule that runs the evidence function. */
    public IRule getEvidenceScheduleRule() {
        return evidenceScheduleRule;
    }

    /**
     * Writes each reporting day's evidence once the day is over and settled. Invoke its {@code live} alias with
     * {@code {"day":"YYYY-MM-DD"}} to write a day again (the same content, unless contacts changed).
     */
    public Function getEvidenceFunction() {
        return functions.get(Handler.DAILY_EVIDENCE).function();
    }

    /** The evidence function's {@code live} alias: what the hourly rule invokes, and what to invoke to re-run a day. */
    public Alias getEvidenceAlias() {
        return functions.get(Handler.DAILY_EVIDENCE).alias();
    }

    /** The CloudWatch dashboard, or null when {@code dashboard} is false. */
    public Dashboard getDashboard() {
        return dashboard;
    }

    /**
     * Every alarm the construct created, in {@link DetectorAlarm}'s order, all publishing to one topic
     * ({@code alarmTopic}, or the alert topic).
     */
    public List<IAlarm> getAlarms() {
        return List.copyOf(alarms.values());
    }

    /** The alarm, or null when this configuration or {@code alarms} does not create it. */
    public Alarm getAlarm(DetectorAlarm alarm) {
        return alarms.get(alarm);
    }

    /** {@link DetectorAlarm#RECORDINGS_MISSING}, or null when switched off. */
    public Alarm getRecordingsMissingAlarm() {
        return getAlarm(DetectorAlarm.RECORDINGS_MISSING);
    }

    /** {@link DetectorAlarm#RECORDINGS_EMPTY}, or null when switched off. */
    public Alarm getRecordingsEmptyAlarm() {
        return getAlarm(DetectorAlarm.RECORDINGS_EMPTY);
    }

    /** {@link DetectorAlarm#RECORDINGS_PARTIAL}, or null when switched off. */
    public Alarm getRecordingsPartialAlarm() {
        return getAlarm(DetectorAlarm.RECORDINGS_PARTIAL);
    }

    /** {@link DetectorAlarm#IVR_RECORDINGS_MISSING}, or null without {@code checkIvrRecordings} or when switched off. */
    public Alarm getIvrRecordingsMissingAlarm() {
        return getAlarm(DetectorAlarm.IVR_RECORDINGS_MISSING);
    }

    /** {@link DetectorAlarm#CONTACTS_UNVERIFIABLE}, or null when switched off. */
    public Alarm getContactsUnverifiableAlarm() {
        return getAlarm(DetectorAlarm.CONTACTS_UNVERIFIABLE);
    }

    /** {@link DetectorAlarm#INGEST_ERRORS}, or null when switched off. */
    public Alarm getIngestErrorsAlarm() {
        return getAlarm(DetectorAlarm.INGEST_ERRORS);
    }

    /** {@link DetectorAlarm#MALFORMED_LOG_EVENTS}, or null when switched off. */
    public Alarm getMalformedLogEventsAlarm() {
        return getAlarm(DetectorAlarm.MALFORMED_LOG_EVENTS);
    }

    /** {@link DetectorAlarm#WORKFLOW_FAILED}, or null when switched off. */
    public Alarm getWorkflowFailedAlarm() {
        return getAlarm(DetectorAlarm.WORKFLOW_FAILED);
    }

    /** {@link DetectorAlarm#WORKFLOW_TIMED_OUT}, or null when switched off. */
    public Alarm getWorkflowTimedOutAlarm() {
        return getAlarm(DetectorAlarm.WORKFLOW_TIMED_OUT);
    }

    /** {@link DetectorAlarm#INGEST_FAILURES_QUEUED}, or null when switched off. */
    public Alarm getIngestFailuresQueuedAlarm() {
        return getAlarm(DetectorAlarm.INGEST_FAILURES_QUEUED);
    }

    /** {@link DetectorAlarm#CONTACT_EVENTS_DEAD_LETTERED}, or null without {@code contactEvents} or when switched off. */
    public Alarm getContactEventsDeadLetteredAlarm() {
        return getAlarm(DetectorAlarm.CONTACT_EVENTS_DEAD_LETTERED);
    }

    /** {@link DetectorAlarm#CONTACT_EVENTS_REJECTED}, or null without {@code contactEvents} or when switched off. */
    public Alarm getContactEventsRejectedAlarm() {
        return getAlarm(DetectorAlarm.CONTACT_EVENTS_REJECTED);
    }

    /** {@link DetectorAlarm#WORKFLOW_NOT_SUCCEEDING} (blind detector), or null when switched off. */
    public Alarm getWorkflowNotSucceedingAlarm() {
        return getAlarm(DetectorAlarm.WORKFLOW_NOT_SUCCEEDING);
    }

    /** {@link DetectorAlarm#FLOW_LOG_SILENCE} (blind detector), or null when switched off. */
    public Alarm getFlowLogSilenceAlarm() {
        return getAlarm(DetectorAlarm.FLOW_LOG_SILENCE);
    }

    /** {@link DetectorAlarm#COMPLIANCE_BELOW_TARGET}, or null without {@code complianceTarget} or when switched off. */
    public Alarm getComplianceBelowTargetAlarm() {
        return getAlarm(DetectorAlarm.COMPLIANCE_BELOW_TARGET);
    }

    /** {@link DetectorAlarm#EVIDENCE_ERRORS}, or null when switched off. */
    public Alarm getEvidenceErrorsAlarm() {
        return getAlarm(DetectorAlarm.EVIDENCE_ERRORS);
    }

    /** The value of the {@code Detector} metric dimension. */
    public String getDetectorName() {
        return settings.detectorName();
    }

    /** The recording key prefix in use (given or derived). */
    public String getRecordingKeyPrefix() {
        return settings.recordingKeyPrefix();
    }

    /**
     * Where flow-log deliveries go that the ingest function could not process after Lambda's asynchronous retries
     * (2 retries; an event is given up after 6 hours): the on-failure destination of the ingest function's
     * {@code live} alias, which the subscription filter invokes. Kept 14 days, encrypted ({@code encryptionKey}, or
     * SSE-SQS), TLS only. The {@code IngestFailuresQueuedAlarm} fires while a message is waiting (maximum
     * {@code ApproximateNumberOfMessagesVisible} of at least 1 in 5 minutes).
     *
     * <p>Each message body is Lambda's record of the failed asynchronous invocation: {@code requestContext}
     * ({@code functionArn}: the alias; {@code condition}: {@code RetriesExhausted} or {@code EventAgeExceeded};
     * {@code approximateInvokeCount}), {@code responsePayload} (the handler's error, if it ran) and, under
     * {@code requestPayload}, the original subscription delivery ({@code {"awslogs": {"data": "<base64 gzip>"}}}).
     *
     * <p>To replay: fix the cause (the ingest function's log group says what failed), then re-invoke the ingest
     * function's {@code live} alias with each message's {@code requestPayload}, and delete the message once that
     * invocation succeeded. Ingest is idempotent: a delivery replayed twice, or one that partly succeeded before it
     * failed, changes nothing twice, and an older Enable cannot undo a later Disable. For example:
     * <pre>{@code
     * aws sqs receive-message --queue-url "$QUEUE_URL" --max-number-of-messages 1 > message.json
     * jq -c '.Messages[0].Body | fromjson | .requestPayload' message.json > payload.json
     * aws lambda invoke --function-name "$INGEST_FUNCTION_NAME:live" --cli-binary-format raw-in-base64-out \
     *     --payload file://payload.json response.json     # prints FunctionError if it failed again
     * aws sqs delete-message --queue-url "$QUEUE_URL" \
     *     --receipt-handle "$(jq -r '.Messages[0].ReceiptHandle' message.json)"
     * }</pre>
     */
    public IQueue getIngestFailureQueue() {
        return ingestFailureQueue;
    }

    /** The function the flow-log subscription invokes (through its {@code live} alias). */
    public Function getIngestFunction() {
        return functions.get(Handler.FLOW_LOG_INGEST).function();
    }

    /** The ingest function's {@code live} alias: what the subscription filter invokes, and what a replay invokes. */
    public Alias getIngestAlias() {
        return functions.get(Handler.FLOW_LOG_INGEST).alias();
    }

    /** The workflow's first task: polls contacts whose recording behaviour was just set. */
    public Function getPollInitialisedFunction() {
        return functions.get(Handler.POLL_INITIALISED).function();
    }

    /** The poll-initialised function's {@code live} alias, which the state machine invokes. */
    public Alias getPollInitialisedAlias() {
        return functions.get(Handler.POLL_INITIALISED).alias();
    }

    /** Closes contacts that ended before reaching an agent as not applicable (nothing to record). */
    public Function getPurgeQueueContactsFunction() {
        return functions.get(Handler.PURGE_QUEUE_CONTACTS).function();
    }

    /** The purge function's {@code live} alias, which the state machine invokes. */
    public Alias getPurgeQueueContactsAlias() {
        return functions.get(Handler.PURGE_QUEUE_CONTACTS).alias();
    }

    /** Polls contacts in progress until they complete. */
    public Function getPollInProgressFunction() {
        return functions.get(Handler.POLL_IN_PROGRESS).function();
    }

    /** The poll-in-progress function's {@code live} alias, which the state machine invokes. */
    public Alias getPollInProgressAlias() {
        return functions.get(Handler.POLL_IN_PROGRESS).alias();
    }

    /** Checks the recording bucket for completed agent contacts and alerts on missing recordings. */
    public Function getCheckRecordingsFunction() {
        return functions.get(Handler.CHECK_RECORDINGS).function();
    }

    /**
     * The check function's {@code live} alias, which the state machine invokes (and, with {@code contactEvents}, the
     * check schedule).
     */
    public Alias getCheckRecordingsAlias() {
        return functions.get(Handler.CHECK_RECORDINGS).alias();
    }

    /**
     * Applies Amazon Connect's contact events to the contacts (with {@code contactEvents}; null without): reads them,
     * in batches, from the {@linkplain #getContactEventQueue() contact event queue} through its {@code live} alias.
     */
    public Function getContactEventFunction() {
        DetectorFunction function = functions.get(Handler.CONTACT_EVENTS);
        return function == null ? null : function.function();
    }

    /** The contact-event function's {@code live} alias, which the queue's event source mapping invokes; or null. */
    public Alias getContactEventAlias() {
        DetectorFunction function = functions.get(Handler.CONTACT_EVENTS);
        return function == null ? null : function.alias();
    }

    /**
     * Where the contact event rule sends this instance's contact events, for the contact-event function (with
     * {@code contactEvents}; null without). Kept 4 days, encrypted ({@code encryptionKey}, or SSE-SQS), TLS only; an
     * event received 5 times without being applied moves to the {@linkplain #getContactEventDeadLetterQueue()
     * dead-letter queue}.
     */
    public IQueue getContactEventQueue() {
        return contactEventSource == null ? null : contactEventSource.queue();
    }

    /**
     * The contact event queue's dead-letter queue (with {@code contactEvents}; null without): kept 14 days, encrypted
     * like the queue, TLS only. The {@code ContactEventsDeadLetteredAlarm} fires while a message is waiting. Once the
     * cause is fixed (the contact-event function's log group says what failed), move the messages back to the contact
     * event queue with SQS's dead-letter queue redrive (console, or {@code aws sqs start-message-move-task
     * --source-arn <this queue's ARN>}): applying an event twice changes nothing twice. Meanwhile the workflow polls
     * the contacts those events were about.
     */
    public IQueue getContactEventDeadLetterQueue() {
        return contactEventSource == null ? null : contactEventSource.deadLetterQueue();
    }

    /**
     * The EventBridge rule (default event bus) that sends this instance's {@code CONNECTED_TO_AGENT},
     * {@code DISCONNECTED} and {@code COMPLETED} contact events to the contact event queue (with
     * {@code contactEvents}; null without).
     */
    public IRule getContactEventRule() {
        return contactEventSource == null ? null : contactEventSource.rule();
    }

    /**
     * The EventBridge rule (default event bus) that sends the recording bucket's S3 {@code Object Created} and
     * {@code Object Deleted} events for keys under {@code recordingKeyPrefix/} and each
     * {@code additionalRecordingLocations} prefix to the {@linkplain #getContactEventQueue() contact event queue}, for
     * the contact-event function to mark recordings seen (with {@code recordingEvents}; null without). It receives
     * events only once the bucket's owner has turned on the bucket's Amazon EventBridge notifications.
     */
    public IRule getRecordingEventsRule() {
        return contactEventSource == null ? null : contactEventSource.recordingEventsRule();
    }

    /**
     * The EventBridge rule that invokes the check function's {@code live} alias on {@code checkSchedule}, between
     * workflow runs (with {@code contactEvents}; null without).
     */
    public IRule getCheckScheduleRule() {
        return checkScheduleRule;
    }

    /**
     * A fluent builder for the construct, as aws-cdk-lib's Java constructs offer beside their props builder:
     * {@code RecordingLeakageDetector.Builder.create(this, "Detector").instanceArn(...).recordingBucket(...).build()}.
     * Every setter is the props builder's; see {@link RecordingLeakageDetectorProps} for each default.
     */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final RecordingLeakageDetectorProps.Builder props = RecordingLeakageDetectorProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** A builder for a detector with this scope and id. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** @see RecordingLeakageDetectorProps#getInstanceArn() */
        public Builder instanceArn(String instanceArn) {
            props.instanceArn(instanceArn);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getFlowLogGroup() */
        public Builder flowLogGroup(ILogGroup flowLogGroup) {
            props.flowLogGroup(flowLogGroup);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingBucket() */
        public Builder recordingBucket(IBucket recordingBucket) {
            props.recordingBucket(recordingBucket);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingKeyPrefix() */
        public Builder recordingKeyPrefix(String recordingKeyPrefix) {
            props.recordingKeyPrefix(recordingKeyPrefix);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAdditionalRecordingLocations() */
        public Builder additionalRecordingLocations(List<String> additionalRecordingLocations) {
            props.additionalRecordingLocations(additionalRecordingLocations);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMinimumRecordedShare() */
        public Builder minimumRecordedShare(Number minimumRecordedShare) {
            props.minimumRecordedShare(minimumRecordedShare);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMinimumLegForRecordedShare() */
        public Builder minimumLegForRecordedShare(Duration minimumLegForRecordedShare) {
            props.minimumLegForRecordedShare(minimumLegForRecordedShare);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getCheckIvrRecordings() */
        public Builder checkIvrRecordings(Boolean checkIvrRecordings) {
            props.checkIvrRecordings(checkIvrRecordings);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getSchedule() */
        public Builder schedule(Schedule schedule) {
            props.schedule(schedule);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingGracePeriod() */
        public Builder recordingGracePeriod(Duration recordingGracePeriod) {
            props.recordingGracePeriod(recordingGracePeriod);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDescribeContactRateLimit() */
        public Builder describeContactRateLimit(Number describeContactRateLimit) {
            props.describeContactRateLimit(describeContactRateLimit);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMaxTrackingAge() */
        public Builder maxTrackingAge(Duration maxTrackingAge) {
            props.maxTrackingAge(maxTrackingAge);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getContactRetention() */
        public Builder contactRetention(Duration contactRetention) {
            props.contactRetention(contactRetention);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlertTopic() */
        public Builder alertTopic(ITopic alertTopic) {
            props.alertTopic(alertTopic);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlertEmails() */
        public Builder alertEmails(List<String> alertEmails) {
            props.alertEmails(alertEmails);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRemovalPolicy() */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            props.removalPolicy(removalPolicy);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDeletionProtection() */
        public Builder deletionProtection(Boolean deletionProtection) {
            props.deletionProtection(deletionProtection);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getEncryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            props.encryptionKey(encryptionKey);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getStateMachineType() */
        public Builder stateMachineType(StateMachineType stateMachineType) {
            props.stateMachineType(stateMachineType);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getArchitecture() */
        public Builder architecture(Architecture architecture) {
            props.architecture(architecture);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMemorySize() */
        public Builder memorySize(Integer memorySize) {
            props.memorySize(memorySize);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getWorkflowFunctionTimeout() */
        public Builder workflowFunctionTimeout(Duration workflowFunctionTimeout) {
            props.workflowFunctionTimeout(workflowFunctionTimeout);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            props.logRetention(logRetention);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getApplicationLogLevel() */
        public Builder applicationLogLevel(ApplicationLogLevel applicationLogLevel) {
            props.applicationLogLevel(applicationLogLevel);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMetricsNamespace() */
        public Builder metricsNamespace(String metricsNamespace) {
            props.metricsNamespace(metricsNamespace);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDetectorName() */
        public Builder detectorName(String detectorName) {
            props.detectorName(detectorName);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getComplianceTarget() */
        public Builder complianceTarget(Number complianceTarget) {
            props.complianceTarget(complianceTarget);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getReportingTimeZone() */
        public Builder reportingTimeZone(String reportingTimeZone) {
            props.reportingTimeZone(reportingTimeZone);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getEvidenceBucket() */
        public Builder evidenceBucket(IBucket evidenceBucket) {
            props.evidenceBucket(evidenceBucket);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getEvidenceRetention() */
        public Builder evidenceRetention(Duration evidenceRetention) {
            props.evidenceRetention(evidenceRetention);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getReportTopic() */
        public Builder reportTopic(ITopic reportTopic) {
            props.reportTopic(reportTopic);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getReportEmails() */
        public Builder reportEmails(List<String> reportEmails) {
            props.reportEmails(reportEmails);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getFlowLogSilenceAlarm() */
        public Builder flowLogSilenceAlarm(Boolean flowLogSilenceAlarm) {
            props.flowLogSilenceAlarm(flowLogSilenceAlarm);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getFlowLogSilencePeriod() */
        public Builder flowLogSilencePeriod(Duration flowLogSilencePeriod) {
            props.flowLogSilencePeriod(flowLogSilencePeriod);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getWorkflowSilencePeriod() */
        public Builder workflowSilencePeriod(Duration workflowSilencePeriod) {
            props.workflowSilencePeriod(workflowSilencePeriod);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDashboard() */
        public Builder dashboard(Boolean dashboard) {
            props.dashboard(dashboard);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlarms() */
        public Builder alarms(Map<DetectorAlarm, AlarmOverride> alarms) {
            props.alarms(alarms);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlarmTopic() */
        public Builder alarmTopic(ITopic alarmTopic) {
            props.alarmTopic(alarmTopic);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getVpc() */
        public Builder vpc(IVpc vpc) {
            props.vpc(vpc);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getVpcSubnets() */
        public Builder vpcSubnets(SubnetSelection vpcSubnets) {
            props.vpcSubnets(vpcSubnets);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getSecurityGroups() */
        public Builder securityGroups(List<ISecurityGroup> securityGroups) {
            props.securityGroups(securityGroups);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getIngestReservedConcurrentExecutions() */
        public Builder ingestReservedConcurrentExecutions(Integer ingestReservedConcurrentExecutions) {
            props.ingestReservedConcurrentExecutions(ingestReservedConcurrentExecutions);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getContactEvents() */
        public Builder contactEvents(Boolean contactEvents) {
            props.contactEvents(contactEvents);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getLiveContactEventSilence() */
        public Builder liveContactEventSilence(Duration liveContactEventSilence) {
            props.liveContactEventSilence(liveContactEventSilence);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getInitialisedContactEventSilence() */
        public Builder initialisedContactEventSilence(Duration initialisedContactEventSilence) {
            props.initialisedContactEventSilence(initialisedContactEventSilence);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getCheckSchedule() */
        public Builder checkSchedule(Schedule checkSchedule) {
            props.checkSchedule(checkSchedule);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingEvents() */
        public Builder recordingEvents(Boolean recordingEvents) {
            props.recordingEvents(recordingEvents);
            return this;
        }

        /** The detector; the props are validated here and every failure is reported at once. */
        public RecordingLeakageDetector build() {
            return new RecordingLeakageDetector(scope, id, props.build());
        }
    }
}
