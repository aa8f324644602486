package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/**
 * GIVEN invalid props, WHEN the detector is created, THEN it fails at synth with a message that names the construct,
 * each bad prop and its value; the message text is part of the contract.
 */
class RecordingLeakageDetectorValidationTest {

    private static final String HEADER = "Invalid RecordingLeakageDetector props at 'TestStack/Detector':\n  - ";

    @Test
    void rejectsAnArnThatIsNotAConnectInstance() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .instanceArn("arn:aws:connect:eu-west-2:111122223333:queue/abc")
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(HEADER + "instanceArn 'arn:aws:connect:eu-west-2:111122223333:queue/abc' is not an Amazon "
                        + "Connect instance ARN (arn:<partition>:connect:<region>:<account-id>:instance/<instance-id>)");
    }

    @Test
    void acceptsAnInstanceArnThatIsATokenAndScopesPermissionsWithIt() {
        Stack stack = DetectorFixtures.newStack();
        String arnParameter = CfnParameter.Builder.create(stack, "InstanceArn").build().getValueAsString();

        new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).instanceArn(arnParameter).build());

        // DescribeContact is granted on <parameter>/contact/*, built from the parameter at deploy time
        Template template = Template.fromStack(stack);
        List<String> describeContactResources = Templates.statementsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "DetectorCheckRecordingsFunctionRole")).stream()
                .filter(statement -> statement.path("Action").toString().contains("connect:DescribeContact"))
                .map(statement -> statement.path("Resource").toString()).toList();
        assertThat(describeContactResources).singleElement().asString()
                .contains("{\"Ref\":\"InstanceArn\"}")
                .contains("/contact/*")
                .doesNotContain("eu-west-2");
    }

    @Test
    void rejectsAGracePeriodOfZero() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .recordingGracePeriod(Duration.seconds(0))
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "recordingGracePeriod 0 seconds must be a positive whole number of seconds");
    }

    @Test
    void rejectsARateLimitOfZeroOrBelow() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps zero = DetectorFixtures.requiredProps(stack).describeContactRateLimit(0).build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", zero))
                .hasMessage(HEADER + "describeContactRateLimit 0 must be a positive number of requests per second");
        Stack otherStack = DetectorFixtures.newStack();
        assertThatThrownBy(() -> new RecordingLeakageDetector(otherStack, "Detector",
                DetectorFixtures.requiredProps(otherStack).describeContactRateLimit(-0.5).build()))
                .hasMessage(HEADER + "describeContactRateLimit -0.5 must be a positive number of requests per second");
    }

    @Test
    void rejectsMalformedAndOverlappingAdditionalRecordingLocationsNamingEach() {
        // GIVEN additional locations that are malformed, repeat one another, or contain the recording prefix
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .recordingKeyPrefix("connect/acme/CallRecordings")
                .additionalRecordingLocations(List.of("Analysis/Voice/Redacted", "/leading", "a,b",
                        "Analysis/Voice/Redacted/2024", "connect/acme"))
                .build();

        // WHEN the detector is created, THEN each is named with its index and value
        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "additionalRecordingLocations[1] '/leading' must be a non-empty S3 key prefix "
                        + "without leading or trailing '/' and without '*' or ',', e.g. Analysis/Voice/Redacted\n  - "
                        + "additionalRecordingLocations[2] 'a,b' must be a non-empty S3 key prefix without leading or "
                        + "trailing '/' and without '*' or ',', e.g. Analysis/Voice/Redacted\n  - "
                        + "additionalRecordingLocations[3] 'Analysis/Voice/Redacted/2024' overlaps "
                        + "'Analysis/Voice/Redacted': each location must be a prefix of its own\n  - "
                        + "additionalRecordingLocations[4] 'connect/acme' overlaps 'connect/acme/CallRecordings': each "
                        + "location must be a prefix of its own");
    }

    @Test
    void rejectsARecordedShareOutsideZeroToOneAndALegThatIsNotWholeSeconds() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .minimumRecordedShare(1.5)
                .minimumLegForRecordedShare(Duration.millis(500))
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "minimumRecordedShare 1.5 must be between 0 and 1 (0 switches the check off)\n  - "
                        + "minimumLegForRecordedShare 500 millis must be a positive whole number of seconds");
    }

    @Test
    void reportsTheIssuesFourValidationFailuresTogetherInPropOrder() {
        // GIVEN a bad ARN, a zero grace period, a zero rate and a log group whose name gives no prefix
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .instanceArn("arn:aws:connect:eu-west-2:111122223333:instance/short")
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "OtherLogs", "/custom/flow-logs"))
                .recordingGracePeriod(Duration.seconds(0))
                .describeContactRateLimit(0)
                .build();

        // WHEN / THEN one failure, naming each prop and its value
        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(HEADER + String.join("\n  - ",
                        "instanceArn 'arn:aws:connect:eu-west-2:111122223333:instance/short' is not an Amazon Connect "
                                + "instance ARN (arn:<partition>:connect:<region>:<account-id>:instance/<instance-id>)",
                        "recordingKeyPrefix is required: it cannot be derived from flowLogGroup name '/custom/flow-logs' "
                                + "(only from a name /aws/connect/<instance-alias> known at synth)",
                        "recordingGracePeriod 0 seconds must be a positive whole number of seconds",
                        "describeContactRateLimit 0 must be a positive number of requests per second"));
    }

    @Test
    void rejectsDeletionProtectionOnATableThatShouldBeDestroyed() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .removalPolicy(RemovalPolicy.DESTROY)
                .deletionProtection(true)
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "deletionProtection true contradicts removalPolicy DESTROY: CloudFormation could not "
                        + "delete the contact table with the stack (leave deletionProtection unset, or keep RETAIN)");
    }

    @Test
    void requiresThePrefixWhenTheLogGroupNameIsNotAConnectFlowLogName() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "OtherLogs", "/custom/flow-logs"))
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "recordingKeyPrefix is required: it cannot be derived from flowLogGroup name "
                        + "'/custom/flow-logs' (only from a name /aws/connect/<instance-alias> known at synth)");
    }

    @Test
    void requiresThePrefixWhenTheLogGroupNameIsUnknownUntilDeployment() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .flowLogGroup(new LogGroup(stack, "NewLogs"))
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "recordingKeyPrefix is required: it cannot be derived from flowLogGroup name "
                        + "a token, unknown until deployment (only from a name /aws/connect/<instance-alias> known at synth)");
    }

    @Test
    void rejectsAPrefixWithSlashesAtItsEnds() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .recordingKeyPrefix("/connect/x/CallRecordings/")
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "recordingKeyPrefix '/connect/x/CallRecordings/' must be a non-empty S3 key prefix "
                        + "without leading or trailing '/' and without '*', e.g. connect/my-instance-alias/CallRecordings");
    }

    @Test
    void reportsEveryMissingRequiredPropAtOnce() {
        Stack stack = DetectorFixtures.newStack();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector",
                RecordingLeakageDetectorProps.builder().build()))
                .hasMessage(HEADER + String.join("\n  - ",
                        "instanceArn is required", "flowLogGroup is required", "recordingBucket is required"));
    }

    @Test
    void reportsEveryInvalidOptionalPropAtOnce() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .instanceArn("not-an-arn")
                .recordingGracePeriod(Duration.millis(1500))
                .maxTrackingAge(Duration.days(10))
                .contactRetention(Duration.days(7))
                .alertEmails(List.of("compliance@example.com", "nobody"))
                .memorySize(64)
                .workflowFunctionTimeout(Duration.minutes(2))
                .stateMachineType(StateMachineType.EXPRESS)
                .metricsNamespace("AWS/Connect")
                .detectorName("has spaces")
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + String.join("\n  - ",
                        "instanceArn 'not-an-arn' is not an Amazon Connect instance ARN "
                                + "(arn:<partition>:connect:<region>:<account-id>:instance/<instance-id>)",
                        "recordingGracePeriod 1 second 500 millis must be a positive whole number of seconds",
                        "contactRetention 7 days must be longer than maxTrackingAge, or contacts expire before they can "
                                + "be reported unverifiable",
                        "alertEmails[1] 'nobody' is not an e-mail address",
                        "memorySize 64 is outside Lambda's range of 128 to 10240 MB",
                        "workflowFunctionTimeout 2 minutes is too long for an EXPRESS state machine: three sequential "
                                + "tasks must fit in 270 seconds (at most 90 seconds each)",
                        "metricsNamespace 'AWS/Connect' must be 1 to 255 characters and must not start with 'AWS/'",
                        "detectorName 'has spaces' must be 1 to 128 letters, digits, '.', '_' or '-'"));
    }

    @Test
    void rejectsAWorkflowTimeoutOutsideLambdasRange() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .workflowFunctionTimeout(Duration.minutes(20))
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "workflowFunctionTimeout 20 minutes must be whole seconds between 1 and 15 minutes");
    }

    @Test
    void rejectsAContactRetentionOfPartialDays() {
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                .contactRetention(Duration.hours(36))
                .build();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + "contactRetention 1 day 12 hours must be a whole number of days, at least 1");
    }

    @Test
    void requiresProps() {
        Stack stack = DetectorFixtures.newStack();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", null))
                .hasMessage("RecordingLeakageDetector 'TestStack/Detector': props are required");
    }

    @Test
    void usesImportedBucketAndLogGroupWithoutChangingThem() {
        Stack stack = DetectorFixtures.newStack();

        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .recordingBucket(Bucket.fromBucketName(stack, "OtherBucket", "other-bucket"))
                .build());

        // The only bucket policy is the evidence bucket's own (TLS only)
        assertThat(stack.getNode().findAll().stream()
                .filter(c -> c instanceof software.amazon.awscdk.services.s3.CfnBucketPolicy))
                .singleElement().satisfies(policy -> assertThat(policy.getNode().getPath())
                        .isEqualTo("TestStack/Detector/EvidenceBucket/Policy/Resource"));
    }

    @Test
    void rejectsAlarmOverridesThatCloudWatchOrThisConfigurationCannotHonour() {
        // GIVEN overrides for an alarm not created, a silence alarm's periods, and values out of range
        Stack stack = DetectorFixtures.newStack();
        Map<DetectorAlarm, AlarmOverride> alarms = new java.util.LinkedHashMap<>();
        alarms.put(DetectorAlarm.IVR_RECORDINGS_MISSING, AlarmOverride.builder().threshold(2).build());
        alarms.put(DetectorAlarm.WORKFLOW_NOT_SUCCEEDING, AlarmOverride.builder().evaluationPeriods(6).build());
        alarms.put(DetectorAlarm.RECORDINGS_MISSING, AlarmOverride.builder().threshold(0).build());
        alarms.put(DetectorAlarm.CONTACTS_UNVERIFIABLE, AlarmOverride.builder().evaluationPeriods(2)
                .datapointsToAlarm(3).build());
        alarms.put(DetectorAlarm.INGEST_ERRORS, AlarmOverride.builder().evaluationPeriods(300).build());
        alarms.put(DetectorAlarm.FLOW_LOG_SILENCE, AlarmOverride.builder().datapointsToAlarm(25).build());
        RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack).alarms(alarms).build();

        // THEN each failure names the alarm, the field and the value, in DetectorAlarm's order
        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                .hasMessage(HEADER + String.join("\n  - ",
                        "alarms[RECORDINGS_MISSING].threshold 0 must be at least 1 (the alarm counts occurrences)",
                        "alarms[IVR_RECORDINGS_MISSING] changes an alarm this configuration does not create "
                                + "(checkIvrRecordings is false)",
                        "alarms[CONTACTS_UNVERIFIABLE].datapointsToAlarm 3 must be 1 to its evaluationPeriods (2)",
                        "alarms[INGEST_ERRORS].evaluationPeriods 300 must be 1 to 288 (CloudWatch evaluates an alarm "
                                + "over at most one day of 5-minute periods, 7 days of longer ones)",
                        "alarms[WORKFLOW_NOT_SUCCEEDING].evaluationPeriods: set workflowSilencePeriod instead",
                        "alarms[FLOW_LOG_SILENCE].datapointsToAlarm 25 must be 1 to its evaluationPeriods (24)"));
    }

    @Test
    void acceptsSwitchingOffAnAlarmThisConfigurationDoesNotCreate() {
        Stack stack = DetectorFixtures.newStack();

        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures
                .requiredProps(stack)
                .alarms(Map.of(DetectorAlarm.COMPLIANCE_BELOW_TARGET, AlarmOverride.off()))
                .build());

        assertThat(detector.getComplianceBelowTargetAlarm()).isNull();
        assertThat(detector.getAlarms()).hasSize(14);
    }
}
