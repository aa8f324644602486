package io.github.recordingleakagedetector.construct;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.TimeConversionOptions;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.Stack;
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
import software.constructs.Construct;

/**
 * The props after validation, with every default applied. Validation collects all failures and reports them together,
 * each naming the prop and the offending value, like the L2 constructs of aws-cdk-lib.
 */
record DetectorSettings(
        String instanceArn,
        ILogGroup flowLogGroup,
        IBucket recordingBucket,
        String recordingKeyPrefix,
        List<String> additionalRecordingLocations,
        String minimumRecordedShare,
        long minimumLegForRecordedShareSeconds,
        boolean checkIvrRecordings,
        Schedule schedule,
        long recordingGracePeriodSeconds,
        String describeContactRateLimit,
        long maxTrackingAgeSeconds,
        long contactRetentionDays,
        List<String> alertEmails,
        RemovalPolicy removalPolicy,
        boolean deletionProtection,
        Optional<IKey> encryptionKey,
        StateMachineType stateMachineType,
        Architecture architecture,
        int memorySize,
        Duration workflowFunctionTimeout,
        RetentionDays logRetention,
        ApplicationLogLevel applicationLogLevel,
        String metricsNamespace,
        String detectorName,
        Optional<Double> complianceTarget,
        String reportingTimeZone,
        Optional<IBucket> evidenceBucket,
        long evidenceRetentionDays,
        Optional<ITopic> reportTopic,
        List<String> reportEmails,
        long flowLogSilenceHours,
        long workflowSilencePeriods,
        boolean dashboard,
        Map<DetectorAlarm, AlarmOverride> alarms,
        Optional<ITopic> alarmTopic,
        Optional<IVpc> vpc,
        Optional<SubnetSelection> vpcSubnets,
        List<ISecurityGroup> securityGroups,
        Optional<Integer> ingestReservedConcurrentExecutions,
        boolean contactEvents,
        long liveContactEventSilenceSeconds,
        long initialisedContactEventSilenceSeconds,
        Optional<Schedule> checkSchedule,
        boolean recordingEvents) {

    /** CloudWatch evaluates an alarm over at most 7 days. */
    static final long MAX_FLOW_LOG_SILENCE_HOURS = 168;
    /** The workflow alarm's period; an alarm with a period under an hour evaluates at most one day. */
    static final long WORKFLOW_SILENCE_PERIOD_MINUTES = 5;

    /** An EXPRESS execution runs at most 5 minutes; three sequential tasks must fit with room for retries. */
    static final long MAX_EXPRESS_WORKFLOW_SECONDS = 270;

    private static final Pattern INSTANCE_ARN =
            Pattern.compile("arn:aws[a-z-]*:connect:[a-z0-9-]+:\\d{12}:instance/[0-9a-fA-F-]{36}");
    private static final Pattern CONNECT_LOG_GROUP = Pattern.compile("/aws/connect/([^/]+)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minutes?|hours?|days?)\\)");
    /** Id of the synth warning that a custom cron schedule's gaps cannot be checked against workflowSilencePeriod. */
    static final String SCHEDULE_SILENCE_WARNING = "recording-leakage-detector:workflowSilencePeriodUnchecked";
    private static final Pattern DETECTOR_NAME = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    static DetectorSettings resolve(Construct scope, RecordingLeakageDetectorProps props) {
        if (props == null) {
            throw new IllegalArgumentException(
                    "RecordingLeakageDetector '" + scope.getNode().getPath() + "': props are required");
        }
        Failures failures = new Failures();

        String instanceArn = props.getInstanceArn();
        if (instanceArn == null) {
            failures.add("instanceArn is required");
        } else if (!Token.isUnresolved(instanceArn) && !INSTANCE_ARN.matcher(instanceArn).matches()) {
            failures.add("instanceArn '" + instanceArn + "' is not an Amazon Connect instance ARN "
                    + "(arn:<partition>:connect:<region>:<account-id>:instance/<instance-id>)");
        }
        if (props.getFlowLogGroup() == null) {
            failures.add("flowLogGroup is required");
        }
        if (props.getRecordingBucket() == null) {
            failures.add("recordingBucket is required");
        }
        String prefix = resolvePrefix(props, failures);
        List<String> additional = additionalLocations(props.getAdditionalRecordingLocations(), prefix, failures);
        String share = share(props.getMinimumRecordedShare()
                .orElse(RecordingLeakageDetectorDefaults.MINIMUM_RECORDED_SHARE), failures);
        long minimumLegSeconds = positiveSeconds("minimumLegForRecordedShare",
                props.getMinimumLegForRecordedShare().orElse(RecordingLeakageDetectorDefaults.MINIMUM_LEG_FOR_RECORDED_SHARE), failures);

        long graceSeconds = positiveSeconds("recordingGracePeriod",
                props.getRecordingGracePeriod().orElse(RecordingLeakageDetectorDefaults.RECORDING_GRACE_PERIOD), failures);
        String rateLimit = rateLimit(props.getDescribeContactRateLimit()
                        .orElse(RecordingLeakageDetectorDefaults.DESCRIBE_CONTACT_RATE_LIMIT),
                failures);
        long maxTrackingAgeSeconds = positiveSeconds("maxTrackingAge",
                props.getMaxTrackingAge().orElse(RecordingLeakageDetectorDefaults.MAX_TRACKING_AGE), failures);
        long retentionDays = contactRetentionDays(
                props.getContactRetention().orElse(RecordingLeakageDetectorDefaults.CONTACT_RETENTION), maxTrackingAgeSeconds, failures);

        List<String> emails = props.getAlertEmails();
        validateEmails("alertEmails", emails, failures);

        int memorySize = props.getMemorySize().orElse(RecordingLeakageDetectorDefaults.MEMORY_SIZE);
        if (memorySize < 128 || memorySize > 10240) {
            failures.add("memorySize " + memorySize + " is outside Lambda's range of 128 to 10240 MB");
        }

        StateMachineType stateMachineType = props.getStateMachineType().orElse(StateMachineType.STANDARD);
        Duration workflowTimeout = workflowFunctionTimeout(props, stateMachineType, failures);

        String namespace = props.getMetricsNamespace().orElse(RecordingLeakageDetectorDefaults.METRICS_NAMESPACE);
        if (!Token.isUnresolved(namespace)
                && (namespace.isBlank() || namespace.length() > 255 || namespace.startsWith("AWS/"))) {
            failures.add("metricsNamespace '" + namespace + "' must be 1 to 255 characters and must not start with 'AWS/'");
        }
        String detectorName = props.getDetectorName().orElseGet(() -> defaultDetectorName(scope));
        if (!Token.isUnresolved(detectorName) && !DETECTOR_NAME.matcher(detectorName).matches()) {
            failures.add("detectorName '" + detectorName + "' must be 1 to 128 letters, digits, '.', '_' or '-'");
        }

        Optional<Double> complianceTarget = props.getComplianceTarget().map(Number::doubleValue);
        complianceTarget.filter(target -> !(target > 0 && target <= 100)).ifPresent(target -> failures.add(
                "complianceTarget " + props.getComplianceTarget().get() + " must be a percentage above 0 and at most 100"));
        String timeZone = props.getReportingTimeZone().orElse(RecordingLeakageDetectorDefaults.REPORTING_TIME_ZONE);
        if (!Token.isUnresolved(timeZone)) {
            try {
                ZoneId.of(timeZone);
            } catch (DateTimeException e) {
                failures.add("reportingTimeZone '" + timeZone + "' is not a time zone (an IANA name such as "
                        + "Europe/London, or UTC)");
            }
        }
        long evidenceRetentionDays = evidenceRetentionDays(props, failures);
        List<String> reportEmails = props.getReportEmails();
        validateEmails("reportEmails", reportEmails, failures);
        long silenceHours = flowLogSilenceHours(props, failures);
        long workflowPeriods = workflowSilencePeriods(props, failures);
        checkScheduleAgainstSilence(scope, props, workflowPeriods, failures);
        if (retentionDays * 86_400 > maxTrackingAgeSeconds && retentionDays * 86_400 < maxTrackingAgeSeconds + 2 * 86_400) {
            failures.add("contactRetention " + props.getContactRetention().orElse(RecordingLeakageDetectorDefaults.CONTACT_RETENTION).toHumanString()
                    + " must be at least maxTrackingAge plus 2 days, or a day's contacts expire before its evidence is "
                    + "written");
        }

        boolean contactEvents = props.getContactEvents().orElse(RecordingLeakageDetectorDefaults.CONTACT_EVENTS);
        checkAlarmOverrides(props, complianceTarget.isPresent(), silenceHours, workflowPeriods, contactEvents, failures);
        if (props.getVpc().isEmpty() && (props.getVpcSubnets().isPresent() || !props.getSecurityGroups().isEmpty())) {
            failures.add("vpcSubnets and securityGroups apply only with vpc: set vpc, or leave them unset");
        }
        props.getIngestReservedConcurrentExecutions().filter(n -> n < 1).ifPresent(n -> failures.add(
                "ingestReservedConcurrentExecutions " + n + " must be at least 1 (0 would stop every delivery)"));
        checkContactEventOptions(props, contactEvents, failures);
        boolean recordingEvents = props.getRecordingEvents().orElse(RecordingLeakageDetectorDefaults.RECORDING_EVENTS);
        if (recordingEvents && !contactEvents) {
            failures.add("recordingEvents true needs contactEvents: the recording events travel through the contact "
                    + "event queue and function (set contactEvents true, or recordingEvents false)");
        }
        long liveSilenceSeconds = contactEventSilenceSeconds("liveContactEventSilence",
                props.getLiveContactEventSilence(), RecordingLeakageDetectorDefaults.LIVE_CONTACT_EVENT_SILENCE,
                contactEvents, props, maxTrackingAgeSeconds, failures);
        long initialisedSilenceSeconds = contactEventSilenceSeconds("initialisedContactEventSilence",
                props.getInitialisedContactEventSilence(),
                RecordingLeakageDetectorDefaults.INITIALISED_CONTACT_EVENT_SILENCE, contactEvents, props,
                maxTrackingAgeSeconds, failures);
        checkInstanceRegion(scope, instanceArn, failures);

        RemovalPolicy removalPolicy = props.getRemovalPolicy().orElse(RemovalPolicy.RETAIN);
        if (removalPolicy == RemovalPolicy.DESTROY && Boolean.TRUE.equals(props.getDeletionProtection().orElse(null))) {
            failures.add("deletionProtection true contradicts removalPolicy DESTROY: CloudFormation could not delete the "
                    + "contact table with the stack (leave deletionProtection unset, or keep RETAIN)");
        }

        failures.throwIfAny(scope);

        return new DetectorSettings(
                instanceArn,
                props.getFlowLogGroup(),
                props.getRecordingBucket(),
                prefix,
                additional,
                share,
                minimumLegSeconds,
                props.getCheckIvrRecordings().orElse(false),
                props.getSchedule().orElseGet(() -> Schedule.expression(RecordingLeakageDetectorDefaults.SCHEDULE_EXPRESSION)),
                graceSeconds,
                rateLimit,
                maxTrackingAgeSeconds,
                retentionDays,
                emails,
                removalPolicy,
                props.getDeletionProtection().orElse(removalPolicy != RemovalPolicy.DESTROY),
                props.getEncryptionKey(),
                stateMachineType,
                props.getArchitecture().orElse(RecordingLeakageDetectorDefaults.ARCHITECTURE),
                memorySize,
                workflowTimeout,
                props.getLogRetention().orElse(RecordingLeakageDetectorDefaults.LOG_RETENTION),
                props.getApplicationLogLevel().orElse(RecordingLeakageDetectorDefaults.APPLICATION_LOG_LEVEL),
                namespace,
                detectorName,
                complianceTarget,
                timeZone,
                props.getEvidenceBucket(),
                evidenceRetentionDays,
                props.getReportTopic(),
                reportEmails,
                silenceHours,
                workflowPeriods,
                props.getDashboard().orElse(true),
                props.getAlarms(),
                props.getAlarmTopic(),
                props.getVpc(),
                props.getVpcSubnets(),
                props.getSecurityGroups(),
                props.getIngestReservedConcurrentExecutions(),
                contactEvents,
                liveSilenceSeconds,
                initialisedSilenceSeconds,
                contactEvents
                        ? Optional.of(props.getCheckSchedule().orElseGet(() ->
                                Schedule.expression(RecordingLeakageDetectorDefaults.CHECK_SCHEDULE_EXPRESSION)))
                        : Optional.empty(),
                recordingEvents);
    }

    /** The override of an alarm, or an empty one. */
    AlarmOverride alarm(DetectorAlarm alarm) {
        return alarms.getOrDefault(alarm, AlarmOverride.builder().build());
    }

    /**
     * Connect writes a contact's flow logs to CloudWatch Logs in its own Region, and a subscription filter can only
     * deliver within its Region and account: when both sides are known at synth, they must agree.
     */
    private static void checkInstanceRegion(Construct scope, String instanceArn, Failures failures) {
        if (instanceArn == null || Token.isUnresolved(instanceArn) || !INSTANCE_ARN.matcher(instanceArn).matches()) {
            return;
        }
        String[] parts = instanceArn.split(":");
        Stack stack = Stack.of(scope);
        if (!Token.isUnresolved(stack.getRegion()) && !parts[3].equals(stack.getRegion())) {
            failures.add("instanceArn '" + instanceArn + "' is in Region " + parts[3] + ", the stack in "
                    + stack.getRegion() + ": Connect's flow logs and the detector must be in one Region (deploy the "
                    + "detector to " + parts[3] + ")");
        }
        if (!Token.isUnresolved(stack.getAccount()) && !parts[4].equals(stack.getAccount())) {
            failures.add("instanceArn '" + instanceArn + "' is in account " + parts[4] + ", the stack in "
                    + stack.getAccount() + ": the flow-log subscription and DescribeContact need the instance's own "
                    + "account");
        }
    }

    /** Each override names an alarm the configuration creates, with values CloudWatch accepts. */
    private static void checkAlarmOverrides(RecordingLeakageDetectorProps props, boolean target, long silenceHours,
            long workflowPeriods, boolean contactEvents, Failures failures) {
        props.getAlarms().forEach((alarm, override) -> {
            String shown = "alarms[" + alarm + "]";
            if (override == null) {
                failures.add(shown + " is null");
                return;
            }
            boolean created = switch (alarm) {
                case IVR_RECORDINGS_MISSING -> props.getCheckIvrRecordings().orElse(false);
                case COMPLIANCE_BELOW_TARGET -> target;
                case FLOW_LOG_SILENCE -> silenceHours > 0;
                case CONTACT_EVENTS_DEAD_LETTERED, CONTACT_EVENTS_REJECTED -> contactEvents;
                default -> true;
            };
            if (!created && override.getEnabled().orElse(true)) {
                failures.add(shown + " changes an alarm this configuration does not create (" + switch (alarm) {
                    case IVR_RECORDINGS_MISSING -> "checkIvrRecordings is false";
                    case COMPLIANCE_BELOW_TARGET -> "no complianceTarget";
                    case CONTACT_EVENTS_DEAD_LETTERED, CONTACT_EVENTS_REJECTED -> "contactEvents is false";
                    default -> "flowLogSilenceAlarm is false";
                } + ")");
            }
            boolean silence = alarm == DetectorAlarm.WORKFLOW_NOT_SUCCEEDING || alarm == DetectorAlarm.FLOW_LOG_SILENCE;
            if (silence && override.getEvaluationPeriods().isPresent()) {
                failures.add(shown + ".evaluationPeriods: set " + (alarm == DetectorAlarm.FLOW_LOG_SILENCE
                        ? "flowLogSilencePeriod" : "workflowSilencePeriod") + " instead");
            }
            int maxPeriods = switch (alarm) {
                case COMPLIANCE_BELOW_TARGET -> 7;
                case FLOW_LOG_SILENCE, EVIDENCE_ERRORS -> 168;
                default -> 288;
            };
            override.getEvaluationPeriods().filter(n -> n < 1 || n > maxPeriods).ifPresent(n -> failures.add(
                    shown + ".evaluationPeriods " + n + " must be 1 to " + maxPeriods
                            + " (CloudWatch evaluates an alarm over at most one day of 5-minute periods, 7 days of longer ones)"));
            override.getDatapointsToAlarm().ifPresent(n -> {
                long periods = switch (alarm) {
                    case FLOW_LOG_SILENCE -> silenceHours;
                    case WORKFLOW_NOT_SUCCEEDING -> workflowPeriods;
                    default -> override.getEvaluationPeriods().orElse(1);
                };
                if (n < 1 || n > periods) {
                    failures.add(shown + ".datapointsToAlarm " + n + " must be 1 to its evaluationPeriods (" + periods
                            + ")");
                }
            });
            override.getThreshold().ifPresent(threshold -> {
                double value = threshold.doubleValue();
                boolean valid = alarm == DetectorAlarm.COMPLIANCE_BELOW_TARGET ? value > 0 && value <= 100 : value >= 1;
                if (!valid || !Double.isFinite(value)) {
                    failures.add(shown + ".threshold " + threshold + " must be " + (alarm
                            == DetectorAlarm.COMPLIANCE_BELOW_TARGET ? "a percentage above 0 and at most 100"
                            : "at least 1 (the alarm counts occurrences)"));
                }
            });
        });
    }

    /** The contact-event options mean nothing without contact events: setting them then is a mistake to report. */
    private static void checkContactEventOptions(RecordingLeakageDetectorProps props, boolean contactEvents,
            Failures failures) {
        if (contactEvents) {
            return;
        }
        List<String> set = new ArrayList<>();
        props.getLiveContactEventSilence().ifPresent(silence -> set.add("liveContactEventSilence"));
        props.getInitialisedContactEventSilence().ifPresent(silence -> set.add("initialisedContactEventSilence"));
        props.getCheckSchedule().ifPresent(schedule -> set.add("checkSchedule"));
        if (set.size() == 1) {
            failures.add(set.get(0) + " applies only with contactEvents: set contactEvents true, or leave "
                    + set.get(0) + " unset");
        } else if (!set.isEmpty()) {
            failures.add(String.join(", ", set.subList(0, set.size() - 1)) + " and " + set.get(set.size() - 1)
                    + " apply only with contactEvents: set contactEvents true, or leave them unset");
        }
    }

    /**
     * A contact-event silence in seconds: whole seconds, at least a minute (a shorter silence would poll contacts
     * whose next event is on its way) and at most {@code maxTrackingAge} (a contact is given up after that anyway).
     * Without contact events the default is returned unchecked (the pollers read it, and ignore it).
     */
    private static long contactEventSilenceSeconds(String prop, Optional<Duration> given, Duration fallback,
            boolean contactEvents, RecordingLeakageDetectorProps props, long maxTrackingAgeSeconds, Failures failures) {
        if (!contactEvents) {
            return fallback.toSeconds().longValue();
        }
        Duration silence = given.orElse(fallback);
        double seconds = silence.toSeconds(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (seconds < 60 || seconds > maxTrackingAgeSeconds || seconds != Math.floor(seconds)) {
            // toHumanString shows two units at most: 90.5 seconds would read "1 minute 30 seconds"
            String shown = silence.toHumanString() + (seconds == Math.floor(seconds) ? ""
                    : " (" + BigDecimal.valueOf(seconds).stripTrailingZeros().toPlainString() + " seconds)");
            failures.add(prop + " " + shown + " must be whole seconds, from 1 minute to maxTrackingAge ("
                    + props.getMaxTrackingAge().orElse(RecordingLeakageDetectorDefaults.MAX_TRACKING_AGE).toHumanString()
                    + ")");
        }
        return (long) seconds;
    }

    private static void validateEmails(String prop, List<String> emails, Failures failures) {
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            if (!Token.isUnresolved(email) && !email.matches("[^@\\s]+@[^@\\s]+")) {
                failures.add(prop + "[" + i + "] '" + email + "' is not an e-mail address");
            }
        }
    }

    /** Object Lock is set when a bucket is created: only the construct's own bucket can get it from a prop. */
    private static long evidenceRetentionDays(RecordingLeakageDetectorProps props, Failures failures) {
        if (props.getEvidenceRetention().isEmpty()) {
            return 0;
        }
        Duration retention = props.getEvidenceRetention().get();
        if (props.getEvidenceBucket().isPresent()) {
            failures.add("evidenceRetention " + retention.toHumanString() + " applies only to the evidence bucket the "
                    + "construct creates: set Object Lock on the given evidenceBucket itself, or leave evidenceBucket unset");
        }
        double days = retention.toDays(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (days < 1 || days != Math.floor(days)) {
            failures.add("evidenceRetention " + retention.toHumanString() + " must be a whole number of days, at least 1");
        }
        return (long) days;
    }

    /** 0 when the alarm is off. */
    private static long flowLogSilenceHours(RecordingLeakageDetectorProps props, Failures failures) {
        boolean on = props.getFlowLogSilenceAlarm().orElse(true);
        if (!on) {
            props.getFlowLogSilencePeriod().ifPresent(period -> failures.add("flowLogSilencePeriod "
                    + period.toHumanString() + " has no effect: flowLogSilenceAlarm is false"));
            return 0;
        }
        Duration period = props.getFlowLogSilencePeriod().orElse(RecordingLeakageDetectorDefaults.FLOW_LOG_SILENCE_PERIOD);
        double hours = period.toHours(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (hours < 1 || hours > MAX_FLOW_LOG_SILENCE_HOURS || hours != Math.floor(hours)) {
            failures.add("flowLogSilencePeriod " + period.toHumanString() + " must be whole hours, 1 to "
                    + MAX_FLOW_LOG_SILENCE_HOURS + " (CloudWatch evaluates an alarm over at most 7 days)");
        }
        return (long) hours;
    }

    /**
     * The workflow alarm fires when no execution succeeded in {@code periods} consecutive 5-minute periods: with a
     * slower schedule than the default, the period must cover the gap between runs and one more period for a run's
     * own time. A {@code rate(...)} schedule is checked; a custom cron expression cannot be read for its gaps, so it
     * gets a warning instead.
     */
    private static void checkScheduleAgainstSilence(Construct scope, RecordingLeakageDetectorProps props,
            long periods, Failures failures) {
        if (props.getSchedule().isEmpty()) {
            return;
        }
        String expression = props.getSchedule().get().getExpressionString();
        Matcher rate = RATE.matcher(expression);
        long silenceMinutes = periods * WORKFLOW_SILENCE_PERIOD_MINUTES;
        if (rate.matches()) {
            long interval = Long.parseLong(rate.group(1)) * switch (rate.group(2)) {
                case "minute", "minutes" -> 1;
                case "hour", "hours" -> 60;
                default -> 1440;
            };
            if (silenceMinutes < interval + 2 * WORKFLOW_SILENCE_PERIOD_MINUTES) {
                failures.add("workflowSilencePeriod " + silenceMinutes + " minutes is too short for schedule "
                        + expression + ": it must be at least the interval plus 10 minutes (" + (interval + 10)
                        + " minutes), or the blind-detector alarm fires between runs");
            }
        } else if (!Token.isUnresolved(expression)) {
            Annotations.of(scope).addWarningV2(SCHEDULE_SILENCE_WARNING, "schedule " + expression + " is a custom cron "
                    + "expression: make workflowSilencePeriod (" + silenceMinutes + " minutes) at least its longest "
                    + "gap between runs plus 10 minutes, or the WorkflowNotSucceedingAlarm fires between runs");
        }
    }

    private static long workflowSilencePeriods(RecordingLeakageDetectorProps props, Failures failures) {
        Duration period = props.getWorkflowSilencePeriod().orElse(RecordingLeakageDetectorDefaults.WORKFLOW_SILENCE_PERIOD);
        double minutes = period.toMinutes(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (minutes < 2 * WORKFLOW_SILENCE_PERIOD_MINUTES || minutes > 1440
                || minutes % WORKFLOW_SILENCE_PERIOD_MINUTES != 0) {
            failures.add("workflowSilencePeriod " + period.toHumanString()
                    + " must be a multiple of 5 minutes, from 10 minutes to 1 day");
        }
        return (long) (minutes / WORKFLOW_SILENCE_PERIOD_MINUTES);
    }

    /**
     * Each additional location must be a key prefix of its own: well formed (it goes into an IAM condition and a
     * comma-separated variable), and neither containing nor contained in another location or the recording prefix
     * (the same file would be two contacts' evidence, and the grants would overlap).
     */
    private static List<String> additionalLocations(List<String> given, String recordingPrefix, Failures failures) {
        for (int i = 0; i < given.size(); i++) {
            String location = given.get(i);
            if (location == null || Token.isUnresolved(location)) {
                if (location == null) {
                    failures.add("additionalRecordingLocations[" + i + "] is null");
                }
                continue;
            }
            if (location.isBlank() || location.startsWith("/") || location.endsWith("/") || location.contains("*")
                    || location.contains(",")) {
                failures.add("additionalRecordingLocations[" + i + "] '" + location + "' must be a non-empty S3 key "
                        + "prefix without leading or trailing '/' and without '*' or ',', e.g. Analysis/Voice/Redacted");
                continue;
            }
            List<String> others = new ArrayList<>(given.subList(0, i));
            if (recordingPrefix != null && !Token.isUnresolved(recordingPrefix)) {
                others.add(recordingPrefix);
            }
            for (String other : others) {
                if (other != null && !Token.isUnresolved(other) && overlap(location, other)) {
                    failures.add("additionalRecordingLocations[" + i + "] '" + location + "' overlaps '" + other
                            + "': each location must be a prefix of its own");
                }
            }
        }
        return List.copyOf(given);
    }

    private static boolean overlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
    }

    private static String share(Number share, Failures failures) {
        double value = share.doubleValue();
        if (!(value >= 0 && value <= 1)) {
            failures.add("minimumRecordedShare " + share + " must be between 0 and 1 (0 switches the check off)");
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** The prefix as given, or {@code connect/<alias>/CallRecordings} from a log group named {@code /aws/connect/<alias>}. */
    private static String resolvePrefix(RecordingLeakageDetectorProps props, Failures failures) {
        Optional<String> given = props.getRecordingKeyPrefix();
        if (given.isPresent()) {
            String prefix = given.get();
            if (!Token.isUnresolved(prefix)
                    && (prefix.isBlank() || prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("*"))) {
                failures.add("recordingKeyPrefix '" + prefix + "' must be a non-empty S3 key prefix without leading or "
                        + "trailing '/' and without '*', e.g. connect/my-instance-alias/CallRecordings");
            }
            return prefix;
        }
        if (props.getFlowLogGroup() == null) {
            return null;
        }
        String logGroupName = props.getFlowLogGroup().getLogGroupName();
        Matcher alias = Token.isUnresolved(logGroupName) ? null : CONNECT_LOG_GROUP.matcher(logGroupName);
        if (alias != null && alias.matches()) {
            return "connect/" + alias.group(1) + "/CallRecordings";
        }
        String shownName = Token.isUnresolved(logGroupName) ? "a token, unknown until deployment" : "'" + logGroupName + "'";
        failures.add("recordingKeyPrefix is required: it cannot be derived from flowLogGroup name " + shownName
                + " (only from a name /aws/connect/<instance-alias> known at synth)");
        return null;
    }

    private static long positiveSeconds(String prop, Duration duration, Failures failures) {
        double seconds = duration.toSeconds(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (seconds < 1 || seconds != Math.floor(seconds)) {
            failures.add(prop + " " + duration.toHumanString() + " must be a positive whole number of seconds");
        }
        return (long) seconds;
    }

    private static String rateLimit(Number limit, Failures failures) {
        double value = limit.doubleValue();
        if (!(value > 0) || Double.isInfinite(value)) {
            failures.add("describeContactRateLimit " + limit + " must be a positive number of requests per second");
            return null;
        }
        return new BigDecimal(limit.toString()).stripTrailingZeros().toPlainString();
    }

    private static long contactRetentionDays(Duration retention, long maxTrackingAgeSeconds, Failures failures) {
        double days = retention.toDays(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (days < 1 || days != Math.floor(days)) {
            failures.add("contactRetention " + retention.toHumanString() + " must be a whole number of days, at least 1");
        } else if (days * 86_400 <= maxTrackingAgeSeconds) {
            failures.add("contactRetention " + retention.toHumanString()
                    + " must be longer than maxTrackingAge, or contacts expire before they can be reported unverifiable");
        }
        return (long) days;
    }

    private static Duration workflowFunctionTimeout(RecordingLeakageDetectorProps props, StateMachineType type,
                                                    Failures failures) {
        boolean express = type == StateMachineType.EXPRESS;
        Duration timeout = props.getWorkflowFunctionTimeout().orElse(
                express ? RecordingLeakageDetectorDefaults.EXPRESS_WORKFLOW_FUNCTION_TIMEOUT : RecordingLeakageDetectorDefaults.STANDARD_WORKFLOW_FUNCTION_TIMEOUT);
        double seconds = timeout.toSeconds(TimeConversionOptions.builder().integral(false).build()).doubleValue();
        if (seconds < 60 || seconds > 900 || seconds != Math.floor(seconds)) {
            failures.add("workflowFunctionTimeout " + timeout.toHumanString()
                    + " must be whole seconds between 1 and 15 minutes");
        } else if (express && 3 * seconds > MAX_EXPRESS_WORKFLOW_SECONDS) {
            failures.add("workflowFunctionTimeout " + timeout.toHumanString() + " is too long for an EXPRESS state machine: "
                    + "three sequential tasks must fit in " + MAX_EXPRESS_WORKFLOW_SECONDS + " seconds (at most 90 seconds each)");
        }
        return timeout;
    }

    private static String defaultDetectorName(Construct scope) {
        return Names.uniqueResourceName(scope, UniqueResourceNameOptions.builder().maxLength(128).separator("").build());
    }

    /** Collects validation failures so that one synth reports them all. */
    private static final class Failures {
        private final List<String> messages = new ArrayList<>();

        void add(String message) {
            messages.add(message);
        }

        void throwIfAny(Construct scope) {
            if (!messages.isEmpty()) {
                throw new IllegalArgumentException("Invalid RecordingLeakageDetector props at '" + scope.getNode().getPath()
                        + "':\n  - " + String.join("\n  - ", messages));
            }
        }
    }
}
