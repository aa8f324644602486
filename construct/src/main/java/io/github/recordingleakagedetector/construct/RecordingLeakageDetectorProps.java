package io.github.recordingleakagedetector.construct;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/**
 * Configuration of a {@link RecordingLeakageDetector}: immutable, built with {@link #builder()}.
 *
 * <p>Only {@code instanceArn}, {@code flowLogGroup} and {@code recordingBucket} are required (and
 * {@code recordingKeyPrefix} when it cannot be derived from the log group name). Every other property documents its
 * default. The construct validates all properties at once and names each bad one with its value.
 */
public final class RecordingLeakageDetectorProps {

    private final String instanceArn;
    private final ILogGroup flowLogGroup;
    private final IBucket recordingBucket;
    private final String recordingKeyPrefix;
    private final List<String> additionalRecordingLocations;
    private final Number minimumRecordedShare;
    private final Duration minimumLegForRecordedShare;
    private final Boolean checkIvrRecordings;
    private final Schedule schedule;
    private final Duration recordingGracePeriod;
    private final Number describeContactRateLimit;
    private final Duration maxTrackingAge;
    private final Duration contactRetention;
    private final ITopic alertTopic;
    private final List<String> alertEmails;
    private final RemovalPolicy removalPolicy;
    private final Boolean deletionProtection;
    private final IKey encryptionKey;
    private final StateMachineType stateMachineType;
    private final Architecture architecture;
    private final Integer memorySize;
    private final Duration workflowFunctionTimeout;
    private final RetentionDays logRetention;
    private final ApplicationLogLevel applicationLogLevel;
    private final String metricsNamespace;
    private final String detectorName;
    private final Number complianceTarget;
    private final String reportingTimeZone;
    private final IBucket evidenceBucket;
    private final Duration evidenceRetention;
    private final ITopic reportTopic;
    private final List<String> reportEmails;
    private final Boolean flowLogSilenceAlarm;
    private final Duration flowLogSilencePeriod;
    private final Duration workflowSilencePeriod;
    private final Boolean dashboard;
    private final Map<DetectorAlarm, AlarmOverride> alarms;
    private final ITopic alarmTopic;
    private final IVpc vpc;
    private final SubnetSelection vpcSubnets;
    private final List<ISecurityGroup> securityGroups;
    private final Integer ingestReservedConcurrentExecutions;
    private final Boolean contactEvents;
    private final Duration liveContactEventSilence;
    private final Duration initialisedContactEventSilence;
    private final Schedule checkSchedule;
    private final Boolean recordingEvents;

    private RecordingLeakageDetectorProps(Builder builder) {
        this.instanceArn = builder.instanceArn;
        this.flowLogGroup = builder.flowLogGroup;
        this.recordingBucket = builder.recordingBucket;
        this.recordingKeyPrefix = builder.recordingKeyPrefix;
        this.additionalRecordingLocations = builder.additionalRecordingLocations == null ? List.of()
                : List.copyOf(builder.additionalRecordingLocations);
        this.minimumRecordedShare = builder.minimumRecordedShare;
        this.minimumLegForRecordedShare = builder.minimumLegForRecordedShare;
        this.checkIvrRecordings = builder.checkIvrRecordings;
        this.schedule = builder.schedule;
        this.recordingGracePeriod = builder.recordingGracePeriod;
        this.describeContactRateLimit = builder.describeContactRateLimit;
        this.maxTrackingAge = builder.maxTrackingAge;
        this.contactRetention = builder.contactRetention;
        this.alertTopic = builder.alertTopic;
        this.alertEmails = builder.alertEmails == null ? List.of() : List.copyOf(builder.alertEmails);
        this.removalPolicy = builder.removalPolicy;
        this.deletionProtection = builder.deletionProtection;
        this.encryptionKey = builder.encryptionKey;
        this.stateMachineType = builder.stateMachineType;
        this.architecture = builder.architecture;
        this.memorySize = builder.memorySize;
        this.workflowFunctionTimeout = builder.workflowFunctionTimeout;
        this.logRetention = builder.logRetention;
        this.applicationLogLevel = builder.applicationLogLevel;
        this.metricsNamespace = builder.metricsNamespace;
        this.detectorName = builder.detectorName;
        this.complianceTarget = builder.complianceTarget;
        this.reportingTimeZone = builder.reportingTimeZone;
        this.evidenceBucket = builder.evidenceBucket;
        this.evidenceRetention = builder.evidenceRetention;
        this.reportTopic = builder.reportTopic;
        this.reportEmails = builder.reportEmails == null ? List.of() : List.copyOf(builder.reportEmails);
        this.flowLogSilenceAlarm = builder.flowLogSilenceAlarm;
        this.flowLogSilencePeriod = builder.flowLogSilencePeriod;
        this.workflowSilencePeriod = builder.workflowSilencePeriod;
        this.dashboard = builder.dashboard;
        this.alarms = alarmsInEnumOrder(builder.alarms);
        this.alarmTopic = builder.alarmTopic;
        this.vpc = builder.vpc;
        this.vpcSubnets = builder.vpcSubnets;
        this.securityGroups = builder.securityGroups == null ? List.of() : List.copyOf(builder.securityGroups);
        this.ingestReservedConcurrentExecutions = builder.ingestReservedConcurrentExecutions;
        this.contactEvents = builder.contactEvents;
        this.liveContactEventSilence = builder.liveContactEventSilence;
        this.initialisedContactEventSilence = builder.initialisedContactEventSilence;
        this.checkSchedule = builder.checkSchedule;
        this.recordingEvents = builder.recordingEvents;
    }

    /** A builder with no property set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * ARN of the Amazon Connect instance whose calls are checked, e.g.
     * {@code arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-0000-0000-000000000000}.
     * Required; validated unless it is a token. Scopes {@code connect:DescribeContact} to {@code <instanceArn>/contact/*}.
     */
    public String getInstanceArn() {
        return instanceArn;
    }

    /**
     * The instance's contact-flow log group ({@code /aws/connect/<instance-alias>}). Required. A subscription filter on
     * it forwards recording-behaviour events to the ingest function; flows must have logging enabled.
     */
    public ILogGroup getFlowLogGroup() {
        return flowLogGroup;
    }

    /**
     * The bucket Amazon Connect writes call recordings to. Required. The check function may only list it, and only
     * under {@code recordingKeyPrefix} ({@code s3:ListBucket} with an {@code s3:prefix} condition); no function reads a
     * recording, so an SSE-KMS bucket needs no key permission (listing returns key names, which are not encrypted).
     */
    public IBucket getRecordingBucket() {
        return recordingBucket;
    }

    /**
     * Key prefix of the call recordings up to the date folders, without leading or trailing slash; the runtime appends
     * {@code /YYYY/MM/DD/<contactId>}. Also scopes the S3 permissions.
     *
     * @default {@code connect/<alias>/CallRecordings} when the flow log group's name {@code /aws/connect/<alias>} is
     *          known at synth; required otherwise (e.g. for a log group created in the same app)
     */
    public Optional<String> getRecordingKeyPrefix() {
        return Optional.ofNullable(recordingKeyPrefix);
    }

    /**
     * Further key prefixes in the recording bucket laid out like the recording prefix
     * ({@code <prefix>/YYYY/MM/DD/<contactId>...}), searched when the recording prefix holds nothing for a contact: a
     * file found there is the contact's recording. For example Contact Lens's redacted audio,
     * {@code Analysis/Voice/Redacted} at the bucket's root, which with redaction set to "redacted only" is the only
     * recording kept. Each is granted for listing like the recording prefix. No leading or trailing {@code /}, no
     * {@code *} or {@code ,}, and none may contain another or the recording prefix.
     *
     * @default none
     */
    public List<String> getAdditionalRecordingLocations() {
        return additionalRecordingLocations;
    }

    /**
     * The share of the agent leg (agent connected to disconnect) a recording must cover, measured by Connect's
     * recorded span when it reports one, else by the file's size; less is a partial recording (a leak). 0 switches
     * the check off. Pausing a recording and holding the customer leave silence in the file rather than cutting it
     * short, so an honest call's recording spans its whole agent leg.
     *
     * @default 0.5
     */
    public Optional<Number> getMinimumRecordedShare() {
        return Optional.ofNullable(minimumRecordedShare);
    }

    /**
     * Agent legs shorter than this are not judged partial (a few seconds' difference between the recording and the
     * leg would otherwise be a large share of a short call). Whole seconds, at least 1.
     *
     * @default 30 seconds
     */
    public Optional<Duration> getMinimumLegForRecordedShare() {
        return Optional.ofNullable(minimumLegForRecordedShare);
    }

    /**
     * Whether a contact whose flow turned IVR (automated interaction) recording on must also have its IVR recording,
     * a file of its own under {@code <recordingKeyPrefix>/ivr/YYYY/MM/DD/} (or where Connect reports it), checked
     * also for contacts that never reached an agent (which are otherwise purged unchecked). Off by default because
     * neither the flow-log shape of the IVR setting ({@code IVRRecordingBehavior}) nor that folder is in Connect's
     * reference documentation: turn it on after checking them against your own flow logs and bucket. Adds the
     * {@code IvrRecordingsMissing} metric and its alarm.
     *
     * @default false
     */
    public Optional<Boolean> getCheckIvrRecordings() {
        return Optional.ofNullable(checkIvrRecordings);
    }

    /**
     * When the detection workflow starts. With {@code contactEvents}, the recordings are also checked on
     * {@code checkSchedule} between runs.
     *
     * @default every 5 minutes on the minute mod 5 ({@code cron(0/5 * * * ? *)}: 13:00, 13:05, ...), in UTC
     */
    public Optional<Schedule> getSchedule() {
        return Optional.ofNullable(schedule);
    }

    /**
     * How long after a contact disconnects its recording may still arrive before it is declared missing. Must be
     * positive.
     *
     * @default 15 minutes
     */
    public Optional<Duration> getRecordingGracePeriod() {
        return Optional.ofNullable(recordingGracePeriod);
    }

    /**
     * {@code DescribeContact} requests per second per function instance. The Connect quota (2/s by default) is per
     * account and shared with every other caller. Must be positive; decimals allowed.
     *
     * @default 2
     */
    public Optional<Number> getDescribeContactRateLimit() {
        return Optional.ofNullable(describeContactRateLimit);
    }

    /**
     * A contact tracked longer than this without a verdict is reported as unverifiable (metric
     * {@code ContactsUnverifiable}, alarmed) instead of being polled forever. Must be positive and shorter than
     * {@code contactRetention}.
     *
     * @default 24 hours
     */
    public Optional<Duration> getMaxTrackingAge() {
        return Optional.ofNullable(maxTrackingAge);
    }

    /**
     * How long a contact item is kept (DynamoDB TTL) after its recording behaviour was set. Whole days, at least 1,
     * longer than {@code maxTrackingAge}.
     *
     * @default 90 days
     */
    public Optional<Duration> getContactRetention() {
        return Optional.ofNullable(contactRetention);
    }

    /**
     * Topic for missing-recording and unverifiable-contact alerts (published by the functions) and, unless
     * {@code alarmTopic} is given, for the alarms. A
     * given topic is used as it is: the construct changes neither its encryption nor its policy ({@code encryptionKey}
     * then applies to the table and the queues only), and only adds the {@code alertEmails} subscriptions and the functions'
     * {@code sns:Publish} (plus the key actions publishing needs, if the topic's key is known). If it is encrypted with
     * a customer managed key, that key's policy must let {@code cloudwatch.amazonaws.com} use it, or the alarms cannot
     * publish.
     *
     * @default a new topic, encrypted with a new customer managed KMS key (rotation on; CloudWatch alarms cannot
     *          publish to a topic under the AWS managed SNS key), TLS enforced
     */
    public Optional<ITopic> getAlertTopic() {
        return Optional.ofNullable(alertTopic);
    }

    /**
     * E-mail addresses subscribed to the alert topic, the created one or the one given as {@code alertTopic} (each
     * address must confirm its subscription).
     *
     * @default no subscriptions
     */
    public List<String> getAlertEmails() {
        return alertEmails;
    }

    /**
     * What happens to the contact table when it leaves the stack.
     *
     * @default {@link RemovalPolicy#RETAIN}
     */
    public Optional<RemovalPolicy> getRemovalPolicy() {
        return Optional.ofNullable(removalPolicy);
    }

    /**
     * DynamoDB deletion protection on the contact table. {@code true} together with {@link RemovalPolicy#DESTROY} is
     * rejected: CloudFormation could not delete the table with the stack.
     *
     * @default {@code true}, unless {@code removalPolicy} is {@link RemovalPolicy#DESTROY}
     */
    public Optional<Boolean> getDeletionProtection() {
        return Optional.ofNullable(deletionProtection);
    }

    /**
     * Customer managed KMS key for the contact table, the ingest failure queue, the contact event queues (with
     * {@code contactEvents}) and the default alert topic. The functions get exactly the key actions their table, queue
     * and topic access needs, in their roles (so the key
     * policy must let IAM policies grant use of the key, as the default key policy does).
     *
     * <p>CloudWatch alarms publish to the default alert topic with the key too, which needs a statement for
     * {@code cloudwatch.amazonaws.com} ({@code kms:Decrypt, kms:GenerateDataKey*}) in the key policy. The construct
     * adds it to a key created in this app; it cannot change the policy of an imported key ({@code Key.fromKeyArn},
     * {@code Key.fromLookup}...), so for an imported key with the default topic it warns at synth (warning id
     * {@code recording-leakage-detector:importedEncryptionKeyForAlertTopic}, with the statement to add), and the key
     * policy must be given that statement, or the alarms cannot notify anyone.
     *
     * <p>With {@code contactEvents}, EventBridge sends the contact events to their queue with the key too, which needs
     * a statement for {@code events.amazonaws.com} (at least {@code kms:Decrypt, kms:GenerateDataKey*}) in the key
     * policy. The queue's rule target adds one to a key created in this app (for this account's rules only); for an
     * imported key the construct warns at synth (warning id
     * {@code recording-leakage-detector:importedEncryptionKeyForContactEventQueue}, with the statement to add), and
     * without that statement no contact event arrives (the detector then polls, as without contact events).
     *
     * @default the table uses an AWS owned key; the queues use SSE-SQS; the default alert topic gets a
     *          new key of its own
     */
    public Optional<IKey> getEncryptionKey() {
        return Optional.ofNullable(encryptionKey);
    }

    /**
     * Type of the detection state machine. An EXPRESS execution lasts at most 5 minutes, so it needs
     * {@code 3 x workflowFunctionTimeout} of at most 270 seconds.
     *
     * @default {@link StateMachineType#STANDARD}
     */
    public Optional<StateMachineType> getStateMachineType() {
        return Optional.ofNullable(stateMachineType);
    }

    /**
     * Instruction set of every function.
     *
     * @default {@link Architecture#ARM_64}
     */
    public Optional<Architecture> getArchitecture() {
        return Optional.ofNullable(architecture);
    }

    /**
     * Memory of each function in MB (128 to 10240).
     *
     * @default 1024
     */
    public Optional<Integer> getMemorySize() {
        return Optional.ofNullable(memorySize);
    }

    /**
     * Timeout of each of the four workflow functions (poll initialised, purge, poll in progress, check recordings). A
     * handler stops taking new work 20 seconds before it. Between 1 and 15 minutes.
     *
     * @default 4 minutes for a STANDARD state machine, 90 seconds for EXPRESS
     */
    public Optional<Duration> getWorkflowFunctionTimeout() {
        return Optional.ofNullable(workflowFunctionTimeout);
    }

    /**
     * Retention of the functions' and the state machine's log groups.
     *
     * @default {@link RetentionDays#THREE_MONTHS}, like the contact items
     */
    public Optional<RetentionDays> getLogRetention() {
        return Optional.ofNullable(logRetention);
    }

    /**
     * Level of the functions' own log lines. The functions log in JSON (Lambda's JSON log format, so their lines and
     * Lambda's own records are all JSON); Lambda passes the level to them as {@code AWS_LAMBDA_LOG_LEVEL}. Metric
     * records are written whatever the level.
     *
     * @default {@link ApplicationLogLevel#INFO}: one line per contact moved, verdict and alert
     */
    public Optional<ApplicationLogLevel> getApplicationLogLevel() {
        return Optional.ofNullable(applicationLogLevel);
    }

    /**
     * CloudWatch namespace of the metrics the functions emit.
     *
     * @default {@code RecordingLeakageDetector}
     */
    public Optional<String> getMetricsNamespace() {
        return Optional.ofNullable(metricsNamespace);
    }

    /**
     * Value of the {@code Detector} metric dimension, so that several detectors in one account and namespace keep
     * their metrics and alarms apart. Letters, digits and {@code -_.}, at most 128 characters.
     *
     * @default a name unique in the app, derived from the construct's path (e.g. {@code MyStackDetector1A2B3C4D})
     */
    public Optional<String> getDetectorName() {
        return Optional.ofNullable(detectorName);
    }

    /**
     * The compliance the centre commits to, in percent of the calls that had to be recorded (0 &lt; target &le; 100,
     * e.g. 99.5). Adds the {@code ComplianceBelowTargetAlarm} (compliance over a rolling 24 hours below the target:
     * {@link RecordingLeakageDetector#metricCompliance()}), draws the target on the dashboard and judges each day's
     * evidence against it.
     *
     * @default none: the figures are computed and reported, but nothing is judged against a target
     */
    public Optional<Number> getComplianceTarget() {
        return Optional.ofNullable(complianceTarget);
    }

    /**
     * The time zone of the centre's day (an IANA name such as {@code Europe/London}): each contact is filed under the
     * day, in this zone, of the flow-log event the detector first learned of it from, and each day's evidence covers
     * that day. Validated at synth.
     *
     * @default "UTC"
     */
    public Optional<String> getReportingTimeZone() {
        return Optional.ofNullable(reportingTimeZone);
    }

    /**
     * Where the daily evidence goes ({@code evidence/YYYY/MM/DD/recordings.csv, summary.json, summary.html}). A given
     * bucket is used as it is (the construct grants the evidence function {@code s3:PutObject} under
     * {@code evidence/} and {@code s3:ListBucket} for that prefix, plus its key's encrypt actions when the bucket's key
     * is known): give its versioning, retention and Object Lock yourself, and do not set {@code evidenceRetention}.
     *
     * @default a new bucket: encrypted (SSE-S3, or SSE-KMS with {@code encryptionKey}), versioned, TLS only, public
     *          access blocked, objects owned by the bucket owner, moved to S3 Glacier Instant Retrieval after 90 days
     *          (still readable at once), retained with the stack ({@code removalPolicy})
     */
    public Optional<IBucket> getEvidenceBucket() {
        return Optional.ofNullable(evidenceBucket);
    }

    /**
     * Keeps every evidence object version for this long under S3 Object Lock in compliance mode: nobody, the account's
     * root user included, can delete or overwrite it before then. Whole days. Only for the bucket the construct
     * creates (Object Lock is set when a bucket is created).
     *
     * @default none: no Object Lock (the created bucket is still versioned)
     */
    public Optional<Duration> getEvidenceRetention() {
        return Optional.ofNullable(evidenceRetention);
    }

    /**
     * Topic for the daily evidence summary (the figures and where the files are), kept apart from the alert topic so
     * that the people who read the daily figures are not paged and the on-call is not mailed figures. A given topic is
     * used as it is; the construct adds the {@code reportEmails} subscriptions and the evidence function's
     * {@code sns:Publish}.
     *
     * @default a new topic, encrypted with {@code encryptionKey} or else the AWS managed SNS key, TLS enforced
     */
    public Optional<ITopic> getReportTopic() {
        return Optional.ofNullable(reportTopic);
    }

    /**
     * E-mail addresses subscribed to the report topic (each must confirm the subscription).
     *
     * @default none
     */
    public List<String> getReportEmails() {
        return reportEmails;
    }

    /**
     * Whether the {@code FlowLogSilenceAlarm} fires when no flow-log event was ingested for
     * {@code flowLogSilencePeriod}: flows stopped logging, the subscription filter was removed, or the ingest function
     * cannot be invoked, and the detector is blind. Switch it off for a centre that is closed for longer than the
     * period (e.g. at weekends) rather than living with a false alarm.
     *
     * @default true
     */
    public Optional<Boolean> getFlowLogSilenceAlarm() {
        return Optional.ofNullable(flowLogSilenceAlarm);
    }

    /**
     * How long without an ingested flow-log event fires the {@code FlowLogSilenceAlarm}. Whole hours, 1 to 168 (7
     * days, CloudWatch's longest alarm window). Must not be set when {@code flowLogSilenceAlarm} is false.
     *
     * @default 24 hours
     */
    public Optional<Duration> getFlowLogSilencePeriod() {
        return Optional.ofNullable(flowLogSilencePeriod);
    }

    /**
     * How long without a successful workflow execution fires the {@code WorkflowNotSucceedingAlarm} (missing data
     * counts as breaching: a schedule that stopped, a state machine that cannot start, or every execution failing).
     * A multiple of 5 minutes, 10 minutes to 1 day; it must be longer than the {@code schedule}'s interval.
     *
     * @default 15 minutes (three missed runs of the default schedule)
     */
    public Optional<Duration> getWorkflowSilencePeriod() {
        return Optional.ofNullable(workflowSilencePeriod);
    }

    /**
     * Whether to create the CloudWatch dashboard: compliance (gauge and time series), contacts by category, leaks,
     * workflow executions and duration, DescribeContact calls and throttles, ingested and malformed flow-log events,
     * the ingest failure queue, contact events (applied, rejected, pending) and their queues with {@code contactEvents},
     * and the alarms.
     *
     * @default true
     */
    public Optional<Boolean> getDashboard() {
        return Optional.ofNullable(dashboard);
    }

    /**
     * Changes to the default alarms, by alarm: switch one off ({@link AlarmOverride#off()}), or set its threshold,
     * evaluation periods or datapoints to alarm. An alarm the configuration does not create
     * ({@code IVR_RECORDINGS_MISSING} without {@code checkIvrRecordings}, {@code COMPLIANCE_BELOW_TARGET} without
     * {@code complianceTarget}, the two contact-event alarms without {@code contactEvents}) cannot be changed; the blind-detector alarms' evaluation periods come from
     * {@code workflowSilencePeriod} and {@code flowLogSilencePeriod}.
     *
     * @default every alarm as documented in {@link DetectorAlarm}
     */
    public Map<DetectorAlarm, AlarmOverride> getAlarms() {
        return alarms;
    }

    /**
     * Where the alarms publish (their alarm actions), when it is not the alert topic: e.g. the topic an
     * on-call tool watches. Its key policy, if the topic is encrypted with a customer managed key, must let
     * {@code cloudwatch.amazonaws.com} use the key.
     *
     * @default the alert topic
     */
    public Optional<ITopic> getAlarmTopic() {
        return Optional.ofNullable(alarmTopic);
    }

    /**
     * A VPC to run the functions in (regulated accounts often require it). The functions then reach Amazon Connect,
     * S3, DynamoDB and SNS (and CloudWatch Logs is written by Lambda itself) only through the VPC's routes: give the
     * subnets a NAT gateway, or VPC endpoints for {@code connect}, {@code s3} (gateway), {@code dynamodb} (gateway) and
     * {@code sns}. Each function role gets the managed policy {@code AWSLambdaVPCAccessExecutionRole} (network
     * interfaces), as Lambda requires.
     *
     * @default none: the functions run in Lambda's own network
     */
    public Optional<IVpc> getVpc() {
        return Optional.ofNullable(vpc);
    }

    /**
     * The subnets of {@code vpc} the functions use. Only with {@code vpc}.
     *
     * @default the VPC's private subnets with egress (CDK's default for Lambda)
     */
    public Optional<SubnetSelection> getVpcSubnets() {
        return Optional.ofNullable(vpcSubnets);
    }

    /**
     * Security groups of the functions' network interfaces. Only with {@code vpc}.
     *
     * @default one security group per function, created by CDK, allowing all outbound traffic
     */
    public List<ISecurityGroup> getSecurityGroups() {
        return securityGroups;
    }

    /**
     * Caps how many ingest invocations run at once (Lambda reserved concurrency), so that a burst of flow-log
     * deliveries cannot take the account's concurrency from other functions or throttle the table; a throttled
     * delivery is retried by Lambda for up to 6 hours, then kept in the ingest failure queue. At least 1. The
     * account must keep 10 unreserved executions.
     *
     * @default none (unreserved)
     */
    public Optional<Integer> getIngestReservedConcurrentExecutions() {
        return Optional.ofNullable(ingestReservedConcurrentExecutions);
    }

    /**
     * Whether the detector consumes Amazon Connect's contact events, so that it rarely needs to ask Connect
     * ({@code DescribeContact}) where a contact is. Connect publishes them to the account's default EventBridge bus
     * with no set-up on its side; an EventBridge rule passes this instance's {@code CONNECTED_TO_AGENT},
     * {@code DISCONNECTED} and {@code COMPLETED} events to an encrypted SQS queue (TLS only, with a dead-letter queue of
     * its own after 5 receives, alarmed), from which the contact-event function applies them to the contacts. Events
     * are best effort, unordered and may repeat: the workflow still polls a contact whose events stay away (see
     * {@code liveContactEventSilence}, {@code initialisedContactEventSilence}), so nothing is lost when one is
     * missing, and with {@code checkSchedule} the recordings are checked every minute. {@code false}: polling only, as
     * without contact events (no rule, queues, function or check schedule).
     *
     * @default true
     */
    public Optional<Boolean> getContactEvents() {
        return Optional.ofNullable(contactEvents);
    }

    /**
     * With contact events: a contact in progress whose last contact event is younger than this is not polled with
     * {@code DescribeContact} (its next event is expected to tell); once the events have been silent this long the
     * workflow polls it again. Whole seconds, from 1 minute to {@code maxTrackingAge}. Only with {@code contactEvents}.
     *
     * @default 30 minutes
     */
    public Optional<Duration> getLiveContactEventSilence() {
        return Optional.ofNullable(liveContactEventSilence);
    }

    /**
     * With contact events: a contact whose recording behaviour was just set and that has had no contact event yet is
     * not polled with {@code DescribeContact} until it is this old (its {@code CONNECTED_TO_AGENT} or
     * {@code DISCONNECTED} event usually arrives first). Whole seconds, from 1 minute to {@code maxTrackingAge}. Only
     * with {@code contactEvents}.
     *
     * @default 10 minutes
     */
    public Optional<Duration> getInitialisedContactEventSilence() {
        return Optional.ofNullable(initialisedContactEventSilence);
    }

    /**
     * With contact events: when an extra EventBridge rule invokes the check function's {@code live} alias directly
     * (with {@code {"executionStartTime": <the event's time>}}), besides its run in the workflow, so that a verdict
     * comes within a minute of the grace period ending rather than at the next workflow run. The rule is not created
     * without {@code contactEvents}, and may then not be set.
     *
     * @default {@code rate(1 minute)} when {@code contactEvents} is on
     */
    public Optional<Schedule> getCheckSchedule() {
        return Optional.ofNullable(checkSchedule);
    }

    /**
     * Whether the recording bucket's own S3 events tell the detector which recordings have arrived, so that the check
     * rarely needs to list the bucket. Set it only once the bucket sends its events to Amazon EventBridge, which only
     * the bucket's owner can switch on, and which the construct cannot switch on for an imported bucket: in the S3
     * console, the bucket's Properties, Event notifications, "Amazon EventBridge: On"; or
     * {@code aws s3api put-bucket-notification-configuration --bucket <bucket> --notification-configuration
     * '{"EventBridgeConfiguration": {}}'} (this call replaces the bucket's whole notification configuration: merge
     * the bucket's existing notifications, from {@code get-bucket-notification-configuration}, into it); or
     * {@code eventBridgeEnabled(true)} on a CDK {@code Bucket}. S3 sends the events to the default bus of the
     * bucket's own account and Region, so the bucket must be in the stack's.
     *
     * <p>A second EventBridge rule (default bus) passes the bucket's {@code Object Created} and {@code Object Deleted}
     * events for keys under {@code recordingKeyPrefix/} and each {@code additionalRecordingLocations} prefix to the
     * contact event queue (encrypted like it, the same key handling), and the contact-event function marks the
     * recording seen (or, when deleted, no longer seen) on its contact, by the contact id in the file name. A contact
     * whose seen recordings settle its verdict as recorded is then judged without listing the bucket; one whose
     * recording was not seen (or not enough of it) is listed only once its grace period is over, and Connect is asked
     * before any leak verdict as before: a leak verdict always rests on a listing and on Connect, never on events
     * alone, so a lost S3 event costs a listing, never a false leak. Without EventBridge notifications on the bucket
     * no event arrives and every contact is listed after its grace period (later verdicts, no wrong ones). Needs
     * {@code contactEvents} (the events travel through its queue and function).
     *
     * @default false
     */
    public Optional<Boolean> getRecordingEvents() {
        return Optional.ofNullable(recordingEvents);
    }

    /** In {@link DetectorAlarm}'s order, so that validation reports them in a stable order; nulls kept to be reported. */
    private static Map<DetectorAlarm, AlarmOverride> alarmsInEnumOrder(Map<DetectorAlarm, AlarmOverride> given) {
        Map<DetectorAlarm, AlarmOverride> ordered = new EnumMap<>(DetectorAlarm.class);
        if (given != null) {
            ordered.putAll(given);
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** Builds {@link RecordingLeakageDetectorProps}; every setter returns the builder. */
    public static final class Builder {
        private String instanceArn;
        private ILogGroup flowLogGroup;
        private IBucket recordingBucket;
        private String recordingKeyPrefix;
        private List<String> additionalRecordingLocations;
        private Number minimumRecordedShare;
        private Duration minimumLegForRecordedShare;
        private Boolean checkIvrRecordings;
        private Schedule schedule;
        private Duration recordingGracePeriod;
        private Number describeContactRateLimit;
        private Duration maxTrackingAge;
        private Duration contactRetention;
        private ITopic alertTopic;
        private List<String> alertEmails;
        private RemovalPolicy removalPolicy;
        private Boolean deletionProtection;
        private IKey encryptionKey;
        private StateMachineType stateMachineType;
        private Architecture architecture;
        private Integer memorySize;
        private Duration workflowFunctionTimeout;
        private RetentionDays logRetention;
        private ApplicationLogLevel applicationLogLevel;
        private String metricsNamespace;
        private String detectorName;
        private Number complianceTarget;
        private String reportingTimeZone;
        private IBucket evidenceBucket;
        private Duration evidenceRetention;
        private ITopic reportTopic;
        private List<String> reportEmails;
        private Boolean flowLogSilenceAlarm;
        private Duration flowLogSilencePeriod;
        private Duration workflowSilencePeriod;
        private Boolean dashboard;
        private Map<DetectorAlarm, AlarmOverride> alarms;
        private ITopic alarmTopic;
        private IVpc vpc;
        private SubnetSelection vpcSubnets;
        private List<ISecurityGroup> securityGroups;
        private Integer ingestReservedConcurrentExecutions;
        private Boolean contactEvents;
        private Duration liveContactEventSilence;
        private Duration initialisedContactEventSilence;
        private Schedule checkSchedule;
        private Boolean recordingEvents;

        private Builder() {
        }

        /** @see RecordingLeakageDetectorProps#getInstanceArn() */
        public Builder instanceArn(String instanceArn) {
            this.instanceArn = instanceArn;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getFlowLogGroup() */
        public Builder flowLogGroup(ILogGroup flowLogGroup) {
            this.flowLogGroup = flowLogGroup;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingBucket() */
        public Builder recordingBucket(IBucket recordingBucket) {
            this.recordingBucket = recordingBucket;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingKeyPrefix() */
        public Builder recordingKeyPrefix(String recordingKeyPrefix) {
            this.recordingKeyPrefix = recordingKeyPrefix;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAdditionalRecordingLocations() */
        public Builder additionalRecordingLocations(List<String> additionalRecordingLocations) {
            this.additionalRecordingLocations = additionalRecordingLocations;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMinimumRecordedShare() */
        public Builder minimumRecordedShare(Number minimumRecordedShare) {
            this.minimumRecordedShare = minimumRecordedShare;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMinimumLegForRecordedShare() */
        public Builder minimumLegForRecordedShare(Duration minimumLegForRecordedShare) {
            this.minimumLegForRecordedShare = minimumLegForRecordedShare;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getCheckIvrRecordings() */
        public Builder checkIvrRecordings(Boolean checkIvrRecordings) {
            this.checkIvrRecordings = checkIvrRecordings;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getSchedule() */
        public Builder schedule(Schedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingGracePeriod() */
        public Builder recordingGracePeriod(Duration recordingGracePeriod) {
            this.recordingGracePeriod = recordingGracePeriod;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDescribeContactRateLimit() */
        public Builder describeContactRateLimit(Number describeContactRateLimit) {
            this.describeContactRateLimit = describeContactRateLimit;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMaxTrackingAge() */
        public Builder maxTrackingAge(Duration maxTrackingAge) {
            this.maxTrackingAge = maxTrackingAge;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getContactRetention() */
        public Builder contactRetention(Duration contactRetention) {
            this.contactRetention = contactRetention;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlertTopic() */
        public Builder alertTopic(ITopic alertTopic) {
            this.alertTopic = alertTopic;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlertEmails() */
        public Builder alertEmails(List<String> alertEmails) {
            this.alertEmails = alertEmails == null ? null : List.copyOf(alertEmails);
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRemovalPolicy() */
        public Builder removalPolicy(RemovalPolicy removalPolicy) {
            this.removalPolicy = removalPolicy;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDeletionProtection() */
        public Builder deletionProtection(Boolean deletionProtection) {
            this.deletionProtection = deletionProtection;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getEncryptionKey() */
        public Builder encryptionKey(IKey encryptionKey) {
            this.encryptionKey = encryptionKey;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getStateMachineType() */
        public Builder stateMachineType(StateMachineType stateMachineType) {
            this.stateMachineType = stateMachineType;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getArchitecture() */
        public Builder architecture(Architecture architecture) {
            this.architecture = architecture;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMemorySize() */
        public Builder memorySize(Integer memorySize) {
            this.memorySize = memorySize;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getWorkflowFunctionTimeout() */
        public Builder workflowFunctionTimeout(Duration workflowFunctionTimeout) {
            this.workflowFunctionTimeout = workflowFunctionTimeout;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getLogRetention() */
        public Builder logRetention(RetentionDays logRetention) {
            this.logRetention = logRetention;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getApplicationLogLevel() */
        public Builder applicationLogLevel(ApplicationLogLevel applicationLogLevel) {
            this.applicationLogLevel = applicationLogLevel;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getMetricsNamespace() */
        public Builder metricsNamespace(String metricsNamespace) {
            this.metricsNamespace = metricsNamespace;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDetectorName() */
        public Builder detectorName(String detectorName) {
            this.detectorName = detectorName;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getComplianceTarget() */
        public Builder complianceTarget(Number complianceTarget) {
            this.complianceTarget = complianceTarget;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getReportingTimeZone() */
        public Builder reportingTimeZone(String reportingTimeZone) {
            this.reportingTimeZone = reportingTimeZone;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getEvidenceBucket() */
        public Builder evidenceBucket(IBucket evidenceBucket) {
            this.evidenceBucket = evidenceBucket;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getEvidenceRetention() */
        public Builder evidenceRetention(Duration evidenceRetention) {
            this.evidenceRetention = evidenceRetention;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getReportTopic() */
        public Builder reportTopic(ITopic reportTopic) {
            this.reportTopic = reportTopic;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getReportEmails() */
        public Builder reportEmails(List<String> reportEmails) {
            this.reportEmails = reportEmails;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getFlowLogSilenceAlarm() */
        public Builder flowLogSilenceAlarm(Boolean flowLogSilenceAlarm) {
            this.flowLogSilenceAlarm = flowLogSilenceAlarm;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getFlowLogSilencePeriod() */
        public Builder flowLogSilencePeriod(Duration flowLogSilencePeriod) {
            this.flowLogSilencePeriod = flowLogSilencePeriod;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getWorkflowSilencePeriod() */
        public Builder workflowSilencePeriod(Duration workflowSilencePeriod) {
            this.workflowSilencePeriod = workflowSilencePeriod;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getDashboard() */
        public Builder dashboard(Boolean dashboard) {
            this.dashboard = dashboard;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlarms() */
        public Builder alarms(Map<DetectorAlarm, AlarmOverride> alarms) {
            this.alarms = alarms;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getAlarmTopic() */
        public Builder alarmTopic(ITopic alarmTopic) {
            this.alarmTopic = alarmTopic;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getVpc() */
        public Builder vpc(IVpc vpc) {
            this.vpc = vpc;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getVpcSubnets() */
        public Builder vpcSubnets(SubnetSelection vpcSubnets) {
            this.vpcSubnets = vpcSubnets;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getSecurityGroups() */
        public Builder securityGroups(List<ISecurityGroup> securityGroups) {
            this.securityGroups = securityGroups;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getIngestReservedConcurrentExecutions() */
        public Builder ingestReservedConcurrentExecutions(Integer ingestReservedConcurrentExecutions) {
            this.ingestReservedConcurrentExecutions = ingestReservedConcurrentExecutions;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getContactEvents() */
        public Builder contactEvents(Boolean contactEvents) {
            this.contactEvents = contactEvents;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getLiveContactEventSilence() */
        public Builder liveContactEventSilence(Duration liveContactEventSilence) {
            this.liveContactEventSilence = liveContactEventSilence;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getInitialisedContactEventSilence() */
        public Builder initialisedContactEventSilence(Duration initialisedContactEventSilence) {
            this.initialisedContactEventSilence = initialisedContactEventSilence;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getCheckSchedule() */
        public Builder checkSchedule(Schedule checkSchedule) {
            this.checkSchedule = checkSchedule;
            return this;
        }

        /** @see RecordingLeakageDetectorProps#getRecordingEvents() */
        public Builder recordingEvents(Boolean recordingEvents) {
            this.recordingEvents = recordingEvents;
            return this;
        }

        /** The props; validation happens when the construct is created, so that all failures are reported at once. */
        public RecordingLeakageDetectorProps build() {
            return new RecordingLeakageDetectorProps(this);
        }
    }
}
