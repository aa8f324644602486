package io.github.recordingleakagedetector.construct;

import static io.github.recordingleakagedetector.construct.DetectorFixtures.BUCKET_NAME;
import static io.github.recordingleakagedetector.construct.DetectorFixtures.DERIVED_PREFIX;
import static io.github.recordingleakagedetector.construct.DetectorFixtures.INSTANCE_ARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * GIVEN a detector with only the required props (instance ARN, a log group and a bucket imported by name),
 * WHEN it is synthesized, THEN every resource has the documented defaults and least-privilege permissions.
 * One synth serves all tests of this class.
 */
class RecordingLeakageDetectorDefaultsTest {

    private static final String CONTACT_ARNS = INSTANCE_ARN + "/contact/*";
    private static final String TABLE_ARN = "${DetectorContactTable.Arn}";
    private static final String INDEX_ARN = TABLE_ARN + "/index/State-UpdatedAt-index";
    private static final String TOPIC = "${DetectorAlertTopic}";
    private static final String TOPIC_KEY_ARN = "${DetectorAlertTopicKey.Arn}";
    private static final String BUCKET_ARN = "arn:${AWS::Partition}:s3:::" + BUCKET_NAME;
    private static final String FAILURE_QUEUE_ARN = "${DetectorIngestFailureQueue.Arn}";

    private static Stack stack;
    private static RecordingLeakageDetector detector;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = DetectorFixtures.newStack();
        detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).build());
        template = Template.fromStack(stack);
    }

    @Test
    void createsExactlyTheDocumentedResources() {
        template.resourceCountIs("AWS::DynamoDB::Table", 1);
        template.resourceCountIs("AWS::Lambda::Function", 7);
        template.resourceCountIs("AWS::Lambda::Version", 7);
        template.resourceCountIs("AWS::Lambda::Alias", 7);
        // The subscription filter's, the evidence schedule's and the check schedule's.
        template.resourceCountIs("AWS::Lambda::Permission", 3);
        template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        template.resourceCountIs("AWS::Logs::SubscriptionFilter", 1);
        template.resourceCountIs("AWS::Logs::LogGroup", 8);
        template.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
        // The workflow schedule, the evidence schedule, the contact event rule and the check schedule.
        template.resourceCountIs("AWS::Events::Rule", 4);
        // The alert topic and the report topic.
        template.resourceCountIs("AWS::SNS::Topic", 2);
        template.resourceCountIs("AWS::SNS::TopicPolicy", 2);
        template.resourceCountIs("AWS::SNS::Subscription", 0);
        template.resourceCountIs("AWS::KMS::Key", 1);
        template.resourceCountIs("AWS::CloudWatch::Alarm", 14);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.resourceCountIs("AWS::S3::Bucket", 1);
        template.resourceCountIs("AWS::S3::BucketPolicy", 1);
        // The ingest failure queue, the contact event queue and its dead-letter queue.
        template.resourceCountIs("AWS::SQS::Queue", 3);
        template.resourceCountIs("AWS::SQS::QueuePolicy", 3);
        // The ingest alias's (failure destination) and the check alias's (no retries of a scheduled check).
        template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 2);
        // Seven function roles, the state machine's and the schedule's.
        template.resourceCountIs("AWS::IAM::Role", 9);
    }

    @Test
    void contactTableIsKeyedByContactIdWithTheSparseStateIndexPitrTtlAndRetention() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Map.of(
                        "KeySchema", List.of(Map.of("AttributeName", "ContactId", "KeyType", "HASH")),
                        "AttributeDefinitions", List.of(
                                Map.of("AttributeName", "ContactId", "AttributeType", "S"),
                                Map.of("AttributeName", "State", "AttributeType", "S"),
                                Map.of("AttributeName", "UpdatedAt", "AttributeType", "N"),
                                Map.of("AttributeName", "ReportingDay", "AttributeType", "S")),
                        "GlobalSecondaryIndexes", List.of(Map.of(
                                "IndexName", "State-UpdatedAt-index",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "State", "KeyType", "HASH"),
                                        Map.of("AttributeName", "UpdatedAt", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")), Map.of(
                                "IndexName", "ReportingDay-ContactId-index",
                                "KeySchema", List.of(
                                        Map.of("AttributeName", "ReportingDay", "KeyType", "HASH"),
                                        Map.of("AttributeName", "ContactId", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL"))),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "TimeToLiveSpecification", Map.of("AttributeName", "ExpiresAt", "Enabled", true),
                        "DeletionProtectionEnabled", true,
                        "SSESpecification", Match.absent())));
    }

    @Test
    void everyFunctionRunsJava21OnArmWithSnapStartTracingAndItsOwnJsonLogGroup() {
        Map<String, JsonNode> functions = Templates.resourcesOfType(template, "AWS::Lambda::Function");
        assertThat(functions).hasSize(7);
        functions.values().forEach(function -> {
            JsonNode properties = function.path("Properties");
            assertThat(properties.path("Runtime").asText()).isEqualTo("java21");
            assertThat(properties.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
            assertThat(properties.path("MemorySize").asInt()).isEqualTo(1024);
            assertThat(properties.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
            assertThat(properties.path("TracingConfig").path("Mode").asText()).isEqualTo("Active");
            assertThat(properties.path("LoggingConfig").path("LogGroup").has("Ref")).isTrue();
            assertThat(properties.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
            assertThat(properties.path("LoggingConfig").path("ApplicationLogLevel").asText()).isEqualTo("INFO");
            assertThat(properties.path("LoggingConfig").path("SystemLogLevel").asText()).isEqualTo("INFO");
            assertThat(properties.path("Code").path("S3Key").asText()).matches("[0-9a-f]{64}\\.jar");
        });
        Templates.resourcesOfType(template, "AWS::Logs::LogGroup").values().forEach(logGroup ->
                assertThat(logGroup.path("Properties").path("RetentionInDays").asInt()).isEqualTo(90));
    }

    @Test
    void eachFunctionHasItsOwnLambdaRoleWithoutManagedPoliciesAndALiveAliasOnItsPublishedVersion() {
        Map<String, JsonNode> functions = Templates.resourcesOfType(template, "AWS::Lambda::Function");
        Map<String, JsonNode> roles = Templates.resourcesOfType(template, "AWS::IAM::Role");
        Map<String, JsonNode> versions = Templates.resourcesOfType(template, "AWS::Lambda::Version");
        Map<String, JsonNode> aliases = Templates.resourcesOfType(template, "AWS::Lambda::Alias");
        List<String> functionRoles = functions.values().stream()
                .map(function -> function.path("Properties").path("Role").path("Fn::GetAtt").path(0).asText())
                .toList();
        assertThat(functionRoles).doesNotHaveDuplicates().allSatisfy(role -> {
            JsonNode properties = roles.get(role).path("Properties");
            assertThat(properties.path("AssumeRolePolicyDocument").path("Statement").toString()).as(role).isEqualTo(
                    "[{\"Action\":\"sts:AssumeRole\",\"Effect\":\"Allow\","
                            + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"}}]");
            assertThat(properties.has("ManagedPolicyArns")).as(role).isFalse();
        });
        functions.keySet().forEach(function -> {
            List<String> versionsOfFunction = versions.entrySet().stream()
                    .filter(v -> function.equals(v.getValue().path("Properties").path("FunctionName").path("Ref").asText()))
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(versionsOfFunction).as(function).hasSize(1);
            List<JsonNode> aliasesOfFunction = aliases.values().stream()
                    .filter(a -> function.equals(a.path("Properties").path("FunctionName").path("Ref").asText()))
                    .toList();
            assertThat(aliasesOfFunction).as(function).hasSize(1);
            JsonNode alias = aliasesOfFunction.get(0).path("Properties");
            assertThat(alias.path("Name").asText()).isEqualTo("live");
            assertThat(alias.path("FunctionVersion").path("Fn::GetAtt").toString())
                    .isEqualTo("[\"" + versionsOfFunction.get(0) + "\",\"Version\"]");
        });
    }

    @Test
    void eachHandlerIsDeployedOnceWithItsTimeout() {
        Map<String, Integer> timeoutByHandler = new TreeMap<>();
        Templates.resourcesOfType(template, "AWS::Lambda::Function").values().forEach(function -> timeoutByHandler.put(
                function.path("Properties").path("Handler").asText(), function.path("Properties").path("Timeout").asInt()));

        String handlers = "io.github.recordingleakagedetector.runtime.handler.";
        assertThat(timeoutByHandler).containsExactlyInAnyOrderEntriesOf(Map.of(
                handlers + "FlowLogIngestHandler::handleRequest", 60,
                handlers + "PollInitialisedHandler::handleRequest", 240,
                handlers + "PurgeQueueContactsHandler::handleRequest", 240,
                handlers + "PollInProgressHandler::handleRequest", 240,
                handlers + "CheckRecordingsHandler::handleRequest", 240,
                handlers + "DailyEvidenceHandler::handleRequest", 900,
                handlers + "ContactEventHandler::handleRequest", 60));
    }

    @Test
    void eachFunctionGetsExactlyTheVariablesItsHandlerReadsWithTheDefaults() {
        String detectorName = detector.getDetectorName();
        Map<String, Object> common = Map.of(
                "CONTACT_TABLE_NAME", Map.of("Ref", logicalId("AWS::DynamoDB::Table", "DetectorContactTable")),
                "METRICS_NAMESPACE", "RecordingLeakageDetector",
                "DETECTOR_NAME", detectorName);
        Map<String, Object> topicArn = Map.of("Ref", logicalId("AWS::SNS::Topic", "DetectorAlertTopic"));

        assertEnvironment("DetectorIngestFunction", with(common, Map.of("CONTACT_RETENTION_DAYS", "90",
                "CONCURRENT_CONTACTS", "8", "REPORTING_TIME_ZONE", "UTC", "CONTACT_EVENTS", "true")));
        Map<String, Object> poller = with(common, Map.of(
                "DESCRIBE_CONTACT_RATE_LIMIT", "2",
                "MAX_TRACKING_AGE_SECONDS", "86400",
                "ALERT_TOPIC_ARN", topicArn,
                "SAFETY_MARGIN_SECONDS", "20",
                "CONCURRENT_CONTACTS", "8",
                "CONTACT_EVENTS", "true",
                "LIVE_CONTACT_EVENT_SILENCE_SECONDS", "1800",
                "INITIALISED_CONTACT_EVENT_SILENCE_SECONDS", "600"));
        assertEnvironment("DetectorPollInitialisedFunction", poller);
        assertEnvironment("DetectorPollInProgressFunction", poller);
        assertEnvironment("DetectorPurgeQueueContactsFunction", with(common, Map.of("SAFETY_MARGIN_SECONDS", "20",
                "CONCURRENT_CONTACTS", "8", "CHECK_IVR_RECORDINGS", "false")));
        assertEnvironment("DetectorCheckRecordingsFunction", with(common, Map.ofEntries(
                Map.entry("RECORDING_BUCKET_NAME", BUCKET_NAME),
                Map.entry("RECORDING_KEY_PREFIX", DERIVED_PREFIX),
                Map.entry("ADDITIONAL_RECORDING_PREFIXES", ""),
                Map.entry("MINIMUM_RECORDED_SHARE", "0.5"),
                Map.entry("MINIMUM_LEG_SECONDS_FOR_SHARE", "30"),
                Map.entry("CHECK_IVR_RECORDINGS", "false"),
                Map.entry("RECORDING_GRACE_PERIOD_SECONDS", "900"),
                Map.entry("DESCRIBE_CONTACT_RATE_LIMIT", "2"),
                Map.entry("ALERT_TOPIC_ARN", topicArn),
                Map.entry("SAFETY_MARGIN_SECONDS", "20"),
                Map.entry("CONCURRENT_CONTACTS", "8"),
                Map.entry("RECORDING_EVENTS", "false"))));
        assertEnvironment("DetectorDailyEvidenceFunction", with(common, Map.of(
                "MAX_TRACKING_AGE_SECONDS", "86400",
                "CONTACT_RETENTION_DAYS", "90",
                "REPORTING_TIME_ZONE", "UTC",
                "EVIDENCE_BUCKET_NAME", Map.of("Ref", logicalId("AWS::S3::Bucket", "DetectorEvidenceBucket")),
                "EVIDENCE_KEY_PREFIX", "evidence",
                "COMPLIANCE_TARGET_PERCENT", "",
                "REPORT_TOPIC_ARN", Map.of("Ref", logicalId("AWS::SNS::Topic", "DetectorReportTopic")))));
        assertEnvironment("DetectorContactEventFunction", with(common, Map.of(
                "CONNECT_INSTANCE_ARN", INSTANCE_ARN,
                "CONCURRENT_CONTACTS", "8",
                "RECORDING_BUCKET_NAME", BUCKET_NAME,
                "RECORDING_KEY_PREFIX", DERIVED_PREFIX,
                "ADDITIONAL_RECORDING_PREFIXES", "")));
        assertThat(detectorName).startsWith("TestStackDetector").hasSizeLessThanOrEqualTo(128);
    }

    @Test
    void ingestMayOnlyReadAndWriteContactItemsAndSendFailedDeliveriesToItsFailureQueue() {
        assertThat(permissionsOf("DetectorIngestFunctionRole")).containsExactly(
                "dynamodb:GetItem " + TABLE_ARN,
                "dynamodb:PutItem " + TABLE_ARN,
                "dynamodb:UpdateItem " + TABLE_ARN,
                "logs:CreateLogStream ${DetectorIngestFunctionLogs.Arn}",
                "logs:PutLogEvents ${DetectorIngestFunctionLogs.Arn}",
                "sqs:GetQueueAttributes " + FAILURE_QUEUE_ARN,
                "sqs:GetQueueUrl " + FAILURE_QUEUE_ARN,
                "sqs:SendMessage " + FAILURE_QUEUE_ARN,
                "xray:PutTelemetryRecords *",
                "xray:PutTraceSegments *");
    }

    @Test
    void ingestDeliveriesThatFailAfterLambdasRetriesGoToTheFailureQueueFromTheAliasTheSubscriptionInvokes() {
        List<JsonNode> ingestConfigs = Templates.resourcesOfType(template, "AWS::Lambda::EventInvokeConfig").values()
                .stream().map(config -> config.path("Properties"))
                .filter(config -> Templates.resourceText(config.path("FunctionName")).equals("${DetectorIngestFunction}"))
                .toList();
        assertThat(ingestConfigs).hasSize(1);
        JsonNode config = ingestConfigs.get(0);
        assertThat(Templates.resourceText(config.path("FunctionName"))).isEqualTo("${DetectorIngestFunction}");
        // The qualifier is the live alias (taken from the alias's ARN, so the alias exists first), not $LATEST.
        assertThat(config.path("Qualifier").toString()).isEqualTo("{\"Fn::Select\":[7,{\"Fn::Split\":[\":\",{\"Ref\":\""
                + logicalId("AWS::Lambda::Alias", "DetectorIngestFunctionAliaslive") + "\"}]}]}");
        assertThat(config.path("MaximumRetryAttempts").asInt()).isEqualTo(2);
        assertThat(config.path("MaximumEventAgeInSeconds").asInt()).isEqualTo(21600);
        assertThat(Templates.resourceText(config.path("DestinationConfig").path("OnFailure").path("Destination")))
                .isEqualTo(FAILURE_QUEUE_ARN);
        assertThat(config.path("DestinationConfig").has("OnSuccess")).isFalse();
    }

    @Test
    void failureQueueIsEncryptedKeepsMessagesFourteenDaysAndRefusesPlainHttp() {
        template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                "SqsManagedSseEnabled", true,
                "MessageRetentionPeriod", 1209600,
                "KmsMasterKeyId", Match.absent(),
                "QueueName", Match.absent()));
        template.hasResourceProperties("AWS::SQS::QueuePolicy", Map.of(
                "Queues", List.of(Map.of("Ref", logicalId("AWS::SQS::Queue", "DetectorIngestFailureQueue"))),
                "PolicyDocument", Map.of("Statement", List.of(Map.of(
                        "Effect", "Deny",
                        "Action", "sqs:*",
                        "Principal", Map.of("AWS", "*"),
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")),
                        "Resource", Map.of("Fn::GetAtt", List.of(
                                logicalId("AWS::SQS::Queue", "DetectorIngestFailureQueue"), "Arn")))))));
    }

    @Test
    void pollersMayQueryTheIndexUpdateContactsDescribeContactsOfTheInstanceAndPublishAlerts() {
        for (String poller : List.of("DetectorPollInitialisedFunction", "DetectorPollInProgressFunction")) {
            assertThat(permissionsOf(poller + "Role")).as(poller).containsExactly(
                    "connect:DescribeContact " + CONTACT_ARNS,
                    "dynamodb:GetItem " + TABLE_ARN,
                    "dynamodb:Query " + INDEX_ARN,
                    "dynamodb:UpdateItem " + TABLE_ARN,
                    "kms:Decrypt " + TOPIC_KEY_ARN,
                    "kms:GenerateDataKey* " + TOPIC_KEY_ARN,
                    "logs:CreateLogStream ${" + poller + "Logs.Arn}",
                    "logs:PutLogEvents ${" + poller + "Logs.Arn}",
                    "sns:Publish " + TOPIC,
                    "xray:PutTelemetryRecords *",
                    "xray:PutTraceSegments *");
        }
    }

    @Test
    void purgeMayOnlyQueryTheIndexAndCloseContacts() {
        assertThat(permissionsOf("DetectorPurgeQueueContactsFunctionRole")).containsExactly(
                "dynamodb:Query " + INDEX_ARN,
                "dynamodb:UpdateItem " + TABLE_ARN,
                "logs:CreateLogStream ${DetectorPurgeQueueContactsFunctionLogs.Arn}",
                "logs:PutLogEvents ${DetectorPurgeQueueContactsFunctionLogs.Arn}",
                "xray:PutTelemetryRecords *",
                "xray:PutTraceSegments *");
    }

    @Test
    void checkMayOnlyListTheBucketAndOnlyUnderTheRecordingPrefix() {
        assertThat(permissionsOf("DetectorCheckRecordingsFunctionRole")).containsExactly(
                "connect:DescribeContact " + CONTACT_ARNS,
                "dynamodb:GetItem " + TABLE_ARN,
                "dynamodb:Query " + INDEX_ARN,
                "dynamodb:UpdateItem " + TABLE_ARN,
                "kms:Decrypt " + TOPIC_KEY_ARN,
                "kms:GenerateDataKey* " + TOPIC_KEY_ARN,
                "logs:CreateLogStream ${DetectorCheckRecordingsFunctionLogs.Arn}",
                "logs:PutLogEvents ${DetectorCheckRecordingsFunctionLogs.Arn}",
                "s3:ListBucket " + BUCKET_ARN + " if {\"StringLike\":{\"s3:prefix\":[\"" + DERIVED_PREFIX + "/*\"]}}",
                "sns:Publish " + TOPIC,
                "xray:PutTelemetryRecords *",
                "xray:PutTraceSegments *");
    }

    @Test
    void noRoleMayReadRecordingsOrListOutsideTheRecordingPrefix() {
        // The runtime checks existence by ListObjectsV2 with prefix=<key>: reading recordings is never needed.
        Map<String, JsonNode> roles = Templates.resourcesOfType(template, "AWS::IAM::Role");
        assertThat(roles).hasSize(9);
        String evidenceRole = logicalId("AWS::IAM::Role", "DetectorDailyEvidenceFunctionRole");
        List<String> allowed = List.of("s3:ListBucket " + BUCKET_ARN + " if {\"StringLike\":{\"s3:prefix\":[\""
                + DERIVED_PREFIX + "/*\"]}}");
        // The evidence function writes its own bucket, never the recordings (RecordingLeakageDetectorEvidenceTest)
        List<String> evidenceAllowed = List.of(
                "s3:ListBucket ${DetectorEvidenceBucket.Arn} if {\"StringLike\":{\"s3:prefix\":[\"evidence/*\"]}}",
                "s3:PutObject ${DetectorEvidenceBucket.Arn}/evidence/*");
        roles.keySet().forEach(role -> assertThat(Templates.permissionsOfRole(template, role)).as(role)
                .filteredOn(p -> p.startsWith("s3:"))
                .allSatisfy(p -> assertThat(p).isIn(role.equals(evidenceRole) ? evidenceAllowed : allowed)));
    }

    @Test
    void stateMachineMayOnlyInvokeTheFourWorkflowAliasesBesidesLoggingAndTracing() {
        List<String> permissions = permissionsOf("DetectorStateMachineRole");
        assertThat(permissions.stream().filter(p -> p.startsWith("lambda:")).toList()).containsExactly(
                "lambda:InvokeFunction ${DetectorCheckRecordingsFunctionAliaslive}",
                "lambda:InvokeFunction ${DetectorPollInProgressFunctionAliaslive}",
                "lambda:InvokeFunction ${DetectorPollInitialisedFunctionAliaslive}",
                "lambda:InvokeFunction ${DetectorPurgeQueueContactsFunctionAliaslive}");
        // Vended log delivery and X-Ray have no resource-level permissions: the only '*' resources.
        assertThat(permissions.stream().filter(p -> !p.startsWith("lambda:")).toList())
                .allSatisfy(p -> assertThat(p).matches("(logs|xray):[A-Za-z]+ \\*"));
        assertThat(permissionsOf("DetectorStateMachineEventsRole"))
                .containsExactly("states:StartExecution ${DetectorStateMachine}");
    }

    @Test
    void subscriptionFilterPassesOnlyRecordingBehaviourEventsToTheIngestAlias() {
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", Map.of(
                "LogGroupName", DetectorFixtures.FLOW_LOG_GROUP_NAME,
                "DestinationArn", Map.of("Ref", logicalId("AWS::Lambda::Alias", "DetectorIngestFunctionAliaslive")),
                "FilterPattern", "{ $.ContactFlowModuleType = %.*[Rr]ecording.*[Bb]ehavio.*% }"));
        template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                "Action", "lambda:InvokeFunction",
                "Principal", "logs.amazonaws.com",
                "FunctionName", Map.of("Ref", logicalId("AWS::Lambda::Alias", "DetectorIngestFunctionAliaslive"))));
    }

    @Test
    void scheduleStartsTheStateMachineDirectlyEveryFiveMinutesOnTheMinuteModFive() {
        JsonNode rule = Templates.resourcesOfType(template, "AWS::Events::Rule")
                .get(logicalId("AWS::Events::Rule", "DetectorSchedule")).path("Properties");
        assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("cron(0/5 * * * ? *)");
        assertThat(rule.path("Targets")).hasSize(1);
        assertThat(Templates.resourceText(rule.path("Targets").get(0).path("Arn"))).isEqualTo("${DetectorStateMachine}");
    }

    @Test
    void stateMachineIsStandardWithLoggingTracingAndATimeoutCoveringThreeTasks() {
        JsonNode stateMachine = Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine").path("Properties");
        assertThat(stateMachine.path("StateMachineType").asText()).isEqualTo("STANDARD");
        assertThat(stateMachine.path("TracingConfiguration").path("Enabled").asBoolean()).isTrue();
        assertThat(stateMachine.path("LoggingConfiguration").path("Level").asText()).isEqualTo("ALL");
        assertThat(stateMachine.path("LoggingConfiguration").path("IncludeExecutionData").asBoolean()).isTrue();
        JsonNode definition = Templates.stateMachineDefinition(
                Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine"));
        // Three sequential tasks of 240 s + 10 s, plus 5 minutes for retries and transitions.
        assertThat(definition.path("TimeoutSeconds").asInt()).isEqualTo(3 * 250 + 300);
    }

    @Test
    void alarmsCoverMissingRecordingsUnverifiableContactsIngestAndWorkflowFailuresAllToTheTopic() {
        Map<String, JsonNode> alarms = new TreeMap<>(Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm"));
        // The blind-detector alarms fire on silence and the evidence one is hourly: RecordingLeakageDetectorEvidenceTest.
        alarms.keySet().removeIf(id -> id.startsWith("DetectorWorkflowNotSucceedingAlarm")
                || id.startsWith("DetectorFlowLogSilenceAlarm") || id.startsWith("DetectorEvidenceErrorsAlarm"));
        assertThat(alarms).hasSize(11);
        Map<String, String> metricByAlarm = new TreeMap<>();
        alarms.forEach((id, alarm) -> {
            JsonNode properties = alarm.path("Properties");
            metricByAlarm.put(Templates.stripHash(id), properties.path("Namespace").asText() + "/" + properties.path("MetricName").asText());
            assertThat(properties.path("Threshold").asInt()).as(id).isEqualTo(1);
            assertThat(properties.path("ComparisonOperator").asText()).as(id).isEqualTo("GreaterThanOrEqualToThreshold");
            assertThat(properties.path("EvaluationPeriods").asInt()).as(id).isEqualTo(1);
            assertThat(properties.path("Period").asInt()).as(id).isEqualTo(300);
            // A queue depth is a level, not a count: its alarm takes the maximum.
            assertThat(properties.path("Statistic").asText()).as(id)
                    .isEqualTo(id.startsWith("DetectorIngestFailuresQueuedAlarm")
                            || id.startsWith("DetectorContactEventsDeadLetteredAlarm") ? "Maximum" : "Sum");
            assertThat(properties.path("TreatMissingData").asText()).as(id).isEqualTo("notBreaching");
            assertThat(Templates.text(properties.path("AlarmActions"))).as(id)
                    .isEqualTo("[{\"Ref\":\"" + logicalId("AWS::SNS::Topic", "DetectorAlertTopic") + "\"}]");
        });
        assertThat(metricByAlarm).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("DetectorRecordingsMissingAlarm", "RecordingLeakageDetector/RecordingsMissing"),
                Map.entry("DetectorRecordingsEmptyAlarm", "RecordingLeakageDetector/RecordingsEmpty"),
                Map.entry("DetectorRecordingsPartialAlarm", "RecordingLeakageDetector/RecordingsPartial"),
                Map.entry("DetectorContactsUnverifiableAlarm", "RecordingLeakageDetector/ContactsUnverifiable"),
                Map.entry("DetectorMalformedLogEventsAlarm", "RecordingLeakageDetector/MalformedLogEvents"),
                Map.entry("DetectorIngestErrorsAlarm", "AWS/Lambda/Errors"),
                Map.entry("DetectorWorkflowFailedAlarm", "AWS/States/ExecutionsFailed"),
                Map.entry("DetectorWorkflowTimedOutAlarm", "AWS/States/ExecutionsTimedOut"),
                Map.entry("DetectorIngestFailuresQueuedAlarm", "AWS/SQS/ApproximateNumberOfMessagesVisible"),
                Map.entry("DetectorContactEventsDeadLetteredAlarm", "AWS/SQS/ApproximateNumberOfMessagesVisible"),
                Map.entry("DetectorContactEventsRejectedAlarm", "RecordingLeakageDetector/ContactEventsRejected")));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Dimensions", List.of(Map.of("Name", "QueueName", "Value", Map.of("Fn::GetAtt", List.of(
                        logicalId("AWS::SQS::Queue", "DetectorIngestFailureQueue"), "QueueName"))))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "MetricName", "RecordingsMissing",
                "Dimensions", List.of(Map.of("Name", "Detector", "Value", detector.getDetectorName()))));
    }

    @Test
    void defaultTopicIsEncryptedWithARotatedKeyThatAlarmsMayUseAndRefusesPlainHttp() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalId("AWS::KMS::Key", "DetectorAlertTopicKey"), "Arn"))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Resource", "*"))))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                        Match.objectLike(Map.of(
                                "Effect", "Deny",
                                "Action", "sns:Publish",
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                        Match.objectLike(Map.of(
                                "Effect", "Allow",
                                "Action", "sns:Publish",
                                "Principal", Map.of("Service", "cloudwatch.amazonaws.com"))))))));
    }

    @Test
    void publicApiExposesTheResourcesAndTheRecordingsMissingMetric() {
        // Each getter refers to the resource of its name in the template (a swapped getter fails here)
        assertThat(ref(detector.getContactTable().getTableName())).isEqualTo(logicalId("AWS::DynamoDB::Table",
                "DetectorContactTable"));
        assertThat(ref(detector.getStateMachine().getStateMachineArn())).isEqualTo(logicalId(
                "AWS::StepFunctions::StateMachine", "DetectorStateMachine"));
        assertThat(ref(detector.getAlertTopic().getTopicArn())).isEqualTo(logicalId("AWS::SNS::Topic",
                "DetectorAlertTopic"));
        assertThat(ref(detector.getReportTopic().getTopicArn())).isEqualTo(logicalId("AWS::SNS::Topic",
                "DetectorReportTopic"));
        assertThat(ref(detector.getScheduleRule().getRuleName())).isEqualTo(logicalId("AWS::Events::Rule",
                "DetectorSchedule"));
        assertThat(ref(detector.getEvidenceScheduleRule().getRuleName())).isEqualTo(logicalId("AWS::Events::Rule",
                "DetectorEvidenceSchedule"));
        assertThat(ref(detector.getEvidenceBucket().getBucketName())).isEqualTo(logicalId("AWS::S3::Bucket",
                "DetectorEvidenceBucket"));
        assertThat(ref(detector.getIngestFailureQueue().getQueueUrl())).isEqualTo(logicalId("AWS::SQS::Queue",
                "DetectorIngestFailureQueue"));
        assertThat(ref(detector.getDashboard().getDashboardName())).isEqualTo(logicalId("AWS::CloudWatch::Dashboard",
                "DetectorDashboard"));
        assertThat(ref(detector.getContactEventQueue().getQueueUrl())).isEqualTo(logicalId("AWS::SQS::Queue",
                "DetectorContactEventQueue"));
        assertThat(ref(detector.getContactEventDeadLetterQueue().getQueueUrl())).isEqualTo(logicalId("AWS::SQS::Queue",
                "DetectorContactEventDeadLetterQueue"));
        assertThat(ref(detector.getContactEventRule().getRuleName())).isEqualTo(logicalId("AWS::Events::Rule",
                "DetectorContactEventRule"));
        assertThat(ref(detector.getCheckScheduleRule().getRuleName())).isEqualTo(logicalId("AWS::Events::Rule",
                "DetectorCheckSchedule"));
        assertThat(Map.of(
                "DetectorContactEventFunction", detector.getContactEventFunction(),
                "DetectorIngestFunction", detector.getIngestFunction(),
                "DetectorPollInitialisedFunction", detector.getPollInitialisedFunction(),
                "DetectorPurgeQueueContactsFunction", detector.getPurgeQueueContactsFunction(),
                "DetectorPollInProgressFunction", detector.getPollInProgressFunction(),
                "DetectorCheckRecordingsFunction", detector.getCheckRecordingsFunction(),
                "DetectorDailyEvidenceFunction", detector.getEvidenceFunction()))
                .allSatisfy((id, function) -> assertThat(ref(function.getFunctionName())).as(id)
                        .isEqualTo(logicalId("AWS::Lambda::Function", id)));
        assertThat(detector.getAlarms()).hasSize(14);
        assertThat(detector.getRecordingKeyPrefix()).isEqualTo(DERIVED_PREFIX);

        var metric = detector.metricRecordingsMissing();
        assertThat(metric.getNamespace()).isEqualTo("RecordingLeakageDetector");
        assertThat(metric.getMetricName()).isEqualTo("RecordingsMissing");
        assertThat(metric.getStatistic()).isEqualTo("Sum");
        assertThat(metric.getPeriod().toSeconds()).isEqualTo(300);
        assertThat(metric.getDimensions()).containsEntry("Detector", detector.getDetectorName());
    }

    /** The logical id a token refers to, by Ref or Fn::GetAtt. */
    private static String ref(String token) {
        Object resolved = stack.resolve(token);
        assertThat(resolved).as(token).isInstanceOf(Map.class);
        Map<?, ?> reference = (Map<?, ?>) resolved;
        return reference.containsKey("Ref") ? reference.get("Ref").toString()
                : ((List<?>) reference.get("Fn::GetAtt")).get(0).toString();
    }

    private static String logicalId(String type, String idWithoutHash) {
        return Templates.logicalId(template, type, idWithoutHash);
    }

    private static List<String> permissionsOf(String roleIdWithoutHash) {
        return Templates.permissionsOfRole(template, logicalId("AWS::IAM::Role", roleIdWithoutHash));
    }

    private static void assertEnvironment(String functionIdWithoutHash, Map<String, Object> expected) {
        JsonNode function = Templates.resourcesOfType(template, "AWS::Lambda::Function")
                .get(logicalId("AWS::Lambda::Function", functionIdWithoutHash));
        assertThat(function.path("Properties").path("Environment").path("Variables"))
                .as(functionIdWithoutHash)
                .isEqualTo(new ObjectMapper().valueToTree(expected));
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> extra) {
        Map<String, Object> merged = new TreeMap<>(base);
        merged.putAll(extra);
        return merged;
    }
}
