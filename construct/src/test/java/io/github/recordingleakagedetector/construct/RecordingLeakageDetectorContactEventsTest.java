package io.github.recordingleakagedetector.construct;

import static io.github.recordingleakagedetector.construct.DetectorFixtures.INSTANCE_ARN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Amazon Connect contact events: GIVEN a detector with contact events on (the default), off, or with a customer managed
 * key, WHEN it is synthesized, THEN the rule, the queues, the event source mapping, the check schedule, the contact-event
 * function and its alarms are there exactly when they should be, wired as the runtime expects.
 */
class RecordingLeakageDetectorContactEventsTest {

    private static final String HEADER = "Invalid RecordingLeakageDetector props at 'TestStack/Detector':\n  - ";
    private static final String HANDLER =
            "io.github.recordingleakagedetector.runtime.handler.ContactEventHandler::handleRequest";
    private static final String QUEUE_ARN = "${DetectorContactEventQueue.Arn}";

    /** Contact events on, everything else default. One synth serves all tests of this class. */
    @Nested
    class Defaults {

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
        void ruleOnTheDefaultBusPassesOnlyThisInstancesAgentConnectedDisconnectedAndCompletedEventsToTheQueue() {
            JsonNode rule = resource(template, "AWS::Events::Rule", "DetectorContactEventRule").path("Properties");

            // No EventBusName: the default bus, where Connect publishes
            assertThat(rule.has("EventBusName")).isFalse();
            assertThat(rule.path("EventPattern")).isEqualTo(json(Map.of(
                    "source", List.of("aws.connect"),
                    "detail-type", List.of("Amazon Connect Contact Event"),
                    "detail", Map.of(
                            "instanceArn", List.of(INSTANCE_ARN),
                            "eventType", List.of("CONNECTED_TO_AGENT", "DISCONNECTED", "COMPLETED")))));
            assertThat(rule.path("Targets")).hasSize(1);
            JsonNode target = rule.path("Targets").get(0);
            assertThat(Templates.resourceText(target.path("Arn"))).isEqualTo(QUEUE_ARN);
            // The event as it is: no input transformation
            assertThat(target.has("Input")).isFalse();
            assertThat(target.has("InputTransformer")).isFalse();
        }

        @Test
        void queueIsEncryptedTlsOnlyAndMovesAnEventReceivedFiveTimesToItsDeadLetterQueue() {
            assertThat(resource(template, "AWS::SQS::Queue", "DetectorContactEventQueue").path("Properties"))
                    .isEqualTo(json(Map.of(
                            "SqsManagedSseEnabled", true,
                            "MessageRetentionPeriod", 4 * 86_400,
                            // Six times the function's 60-second timeout
                            "VisibilityTimeout", 360,
                            "RedrivePolicy", Map.of(
                                    "deadLetterTargetArn", Map.of("Fn::GetAtt", List.of(
                                            logicalId("AWS::SQS::Queue", "DetectorContactEventDeadLetterQueue"), "Arn")),
                                    "maxReceiveCount", 5))));
            assertThat(resource(template, "AWS::SQS::Queue", "DetectorContactEventDeadLetterQueue").path("Properties"))
                    .isEqualTo(json(Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 14 * 86_400)));
        }

        @Test
        void queuePoliciesRefusePlainHttpAndLetOnlyTheRuleSend() {
            assertThat(Templates.queuePolicyStatements(template, "DetectorContactEventQueue")).containsExactly(
                    "Deny sqs:* ${DetectorContactEventQueue.Arn} by {\"AWS\":\"*\"} if "
                            + "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}",
                    "Allow sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage ${DetectorContactEventQueue.Arn} by "
                            + "{\"Service\":\"events.amazonaws.com\"} if {\"ArnEquals\":{\"aws:SourceArn\":"
                            + "{\"Fn::GetAtt\":[\"" + logicalId("AWS::Events::Rule", "DetectorContactEventRule")
                            + "\",\"Arn\"]}}}");
            assertThat(Templates.queuePolicyStatements(template, "DetectorContactEventDeadLetterQueue")).containsExactly(
                    "Deny sqs:* ${DetectorContactEventDeadLetterQueue.Arn} by {\"AWS\":\"*\"} if "
                            + "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}");
        }

        @Test
        void functionReadsTheQueueThroughItsLiveAliasInBatchesOfTenReportingEachFailedEvent() {
            JsonNode mapping = Templates.onlyResourceOfType(template, "AWS::Lambda::EventSourceMapping")
                    .path("Properties");
            assertThat(Templates.resourceText(mapping.path("EventSourceArn"))).isEqualTo(QUEUE_ARN);
            assertThat(mapping.path("BatchSize").asInt()).isEqualTo(10);
            assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(5);
            assertThat(Templates.text(mapping.path("FunctionResponseTypes"))).isEqualTo("[\"ReportBatchItemFailures\"]");
            // <function name>:live, the name taken from the alias's ARN: the alias, not $LATEST
            assertThat(mapping.path("FunctionName")).isEqualTo(json(Map.of("Fn::Join", List.of("", List.of(
                    Map.of("Fn::Select", List.of(6, Map.of("Fn::Split", List.of(":", Map.of("Ref",
                            logicalId("AWS::Lambda::Alias", "DetectorContactEventFunctionAliaslive")))))),
                    ":live")))));
        }

        @Test
        void contactEventFunctionRunsTheContractsHandlerWithExactlyItsVariables() {
            JsonNode function = resource(template, "AWS::Lambda::Function", "DetectorContactEventFunction")
                    .path("Properties");
            assertThat(function.path("Handler").asText()).isEqualTo(HANDLER);
            assertThat(function.path("Timeout").asInt()).isEqualTo(60);
            assertThat(function.path("Description").asText())
                    .isEqualTo("Applies Amazon Connect contact events to the contacts (EventBridge via SQS)");
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("CONTACT_TABLE_NAME", Map.of("Ref", logicalId("AWS::DynamoDB::Table", "DetectorContactTable")));
            expected.put("CONNECT_INSTANCE_ARN", INSTANCE_ARN);
            expected.put("CONCURRENT_CONTACTS", "8");
            expected.put("METRICS_NAMESPACE", "RecordingLeakageDetector");
            expected.put("DETECTOR_NAME", detector.getDetectorName());
            // The recording locations, for the recording bucket's S3 events (recordingEvents)
            expected.put("RECORDING_BUCKET_NAME", DetectorFixtures.BUCKET_NAME);
            expected.put("RECORDING_KEY_PREFIX", DetectorFixtures.DERIVED_PREFIX);
            expected.put("ADDITIONAL_RECORDING_PREFIXES", "");
            assertThat(function.path("Environment").path("Variables")).isEqualTo(json(expected));
        }

        @Test
        void pollersAndIngestAreToldThatContactEventsAreOnWithTheDefaultSilences() {
            for (String poller : List.of("DetectorPollInitialisedFunction", "DetectorPollInProgressFunction")) {
                JsonNode variables = variables(template, poller);
                assertThat(variables.path("CONTACT_EVENTS").asText()).as(poller).isEqualTo("true");
                assertThat(variables.path("LIVE_CONTACT_EVENT_SILENCE_SECONDS").asText()).as(poller).isEqualTo("1800");
                assertThat(variables.path("INITIALISED_CONTACT_EVENT_SILENCE_SECONDS").asText()).as(poller)
                        .isEqualTo("600");
            }
            assertThat(variables(template, "DetectorIngestFunction").path("CONTACT_EVENTS").asText()).isEqualTo("true");
        }

        @Test
        void contactEventFunctionMayOnlyReadAndWriteContactItemsAndConsumeItsQueue() {
            assertThat(permissionsOf(template, "DetectorContactEventFunctionRole")).containsExactly(
                    "dynamodb:GetItem ${DetectorContactTable.Arn}",
                    "dynamodb:PutItem ${DetectorContactTable.Arn}",
                    "dynamodb:UpdateItem ${DetectorContactTable.Arn}",
                    "logs:CreateLogStream ${DetectorContactEventFunctionLogs.Arn}",
                    "logs:PutLogEvents ${DetectorContactEventFunctionLogs.Arn}",
                    "sqs:ChangeMessageVisibility " + QUEUE_ARN,
                    "sqs:DeleteMessage " + QUEUE_ARN,
                    "sqs:GetQueueAttributes " + QUEUE_ARN,
                    "sqs:GetQueueUrl " + QUEUE_ARN,
                    "sqs:ReceiveMessage " + QUEUE_ARN,
                    "xray:PutTelemetryRecords *",
                    "xray:PutTraceSegments *");
        }

        @Test
        void deadLetteredAndRejectedEventsAreAlarmedToTheAlertTopic() {
            JsonNode deadLettered = resource(template, "AWS::CloudWatch::Alarm", "DetectorContactEventsDeadLetteredAlarm")
                    .path("Properties");
            assertThat(deadLettered.path("Namespace").asText()).isEqualTo("AWS/SQS");
            assertThat(deadLettered.path("MetricName").asText()).isEqualTo("ApproximateNumberOfMessagesVisible");
            assertThat(deadLettered.path("Dimensions")).isEqualTo(json(List.of(Map.of("Name", "QueueName",
                    "Value", Map.of("Fn::GetAtt", List.of(
                            logicalId("AWS::SQS::Queue", "DetectorContactEventDeadLetterQueue"), "QueueName"))))));
            assertThat(deadLettered.path("Statistic").asText()).isEqualTo("Maximum");

            JsonNode rejected = resource(template, "AWS::CloudWatch::Alarm", "DetectorContactEventsRejectedAlarm")
                    .path("Properties");
            assertThat(rejected.path("Namespace").asText()).isEqualTo("RecordingLeakageDetector");
            assertThat(rejected.path("MetricName").asText()).isEqualTo("ContactEventsRejected");
            assertThat(rejected.path("Dimensions")).isEqualTo(json(List.of(Map.of("Name", "Detector",
                    "Value", detector.getDetectorName()))));
            assertThat(rejected.path("Statistic").asText()).isEqualTo("Sum");

            String topic = "[{\"Ref\":\"" + logicalId("AWS::SNS::Topic", "DetectorAlertTopic") + "\"}]";
            for (JsonNode alarm : List.of(deadLettered, rejected)) {
                assertThat(alarm.path("Threshold").asInt()).isEqualTo(1);
                assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
                assertThat(alarm.path("EvaluationPeriods").asInt()).isEqualTo(1);
                assertThat(alarm.path("Period").asInt()).isEqualTo(300);
                assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
                assertThat(Templates.text(alarm.path("AlarmActions"))).isEqualTo(topic);
            }
            assertThat(detector.getContactEventsDeadLetteredAlarm().getNode().getId())
                    .isEqualTo("ContactEventsDeadLetteredAlarm");
            assertThat(detector.getContactEventsRejectedAlarm().getNode().getId()).isEqualTo("ContactEventsRejectedAlarm");
        }

        @Test
        void checkScheduleInvokesTheCheckAliasEveryMinuteWithTheEventTimeAsExecutionStartTime() {
            JsonNode rule = resource(template, "AWS::Events::Rule", "DetectorCheckSchedule").path("Properties");
            assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("rate(1 minute)");
            assertThat(rule.path("Targets")).hasSize(1);
            JsonNode target = rule.path("Targets").get(0);
            assertThat(Templates.resourceText(target.path("Arn"))).isEqualTo("${DetectorCheckRecordingsFunctionAliaslive}");
            // The check handler reads executionStartTime as an ISO-8601 instant, which EventBridge's time is
            assertThat(target.path("InputTransformer")).isEqualTo(json(Map.of(
                    "InputPathsMap", Map.of("time", "$.time"),
                    "InputTemplate", "{\"executionStartTime\":<time>,\"pastGracePeriodOnly\":true}")));
            assertThat(target.path("RetryPolicy")).isEqualTo(json(Map.of(
                    "MaximumEventAgeInSeconds", 60, "MaximumRetryAttempts", 2)));
            template.hasResourceProperties("AWS::Lambda::Permission", Map.of(
                    "Action", "lambda:InvokeFunction",
                    "Principal", "events.amazonaws.com",
                    "FunctionName", Map.of("Ref", logicalId("AWS::Lambda::Alias", "DetectorCheckRecordingsFunctionAliaslive")),
                    "SourceArn", Map.of("Fn::GetAtt", List.of(logicalId("AWS::Events::Rule", "DetectorCheckSchedule"),
                            "Arn"))));
        }

        @Test
        void aFailedScheduledCheckIsNotRetriedByLambdaTheNextMinutesCheckSupersedesIt() {
            List<JsonNode> checkConfigs = Templates.resourcesOfType(template, "AWS::Lambda::EventInvokeConfig").values()
                    .stream().map(config -> config.path("Properties"))
                    .filter(config -> Templates.resourceText(config.path("FunctionName"))
                            .equals("${DetectorCheckRecordingsFunction}"))
                    .toList();
            assertThat(checkConfigs).singleElement().satisfies(config -> {
                assertThat(config.path("MaximumRetryAttempts").asInt()).isZero();
                assertThat(config.path("MaximumEventAgeInSeconds").asInt()).isEqualTo(60);
                assertThat(config.path("Qualifier").toString()).contains(
                        logicalId("AWS::Lambda::Alias", "DetectorCheckRecordingsFunctionAliaslive"));
                assertThat(config.has("DestinationConfig")).isFalse();
            });
        }

        @Test
        void dashboardShowsContactEventsBesideDescribeContactCallsAndTheQueues() {
            String body = Templates.onlyResourceOfType(template, "AWS::CloudWatch::Dashboard")
                    .path("Properties").path("DashboardBody").toString();
            assertThat(body).contains("\\\"title\\\":\\\"Contact events\\\"", "ContactEventsApplied",
                    "ContactEventsPending", "ContactEventsRejected", "\\\"title\\\":\\\"Contact event queues\\\"",
                    logicalId("AWS::SQS::Queue", "DetectorContactEventDeadLetterQueue"));
        }

        @Test
        void gettersReturnTheContactEventResources() {
            assertThat(ref(stack, detector.getContactEventFunction().getFunctionName()))
                    .isEqualTo(logicalId("AWS::Lambda::Function", "DetectorContactEventFunction"));
            assertThat(ref(stack, detector.getContactEventAlias().getFunctionArn()))
                    .isEqualTo(logicalId("AWS::Lambda::Alias", "DetectorContactEventFunctionAliaslive"));
            assertThat(detector.getContactEventAlias().getAliasName()).isEqualTo("live");
            assertThat(ref(stack, detector.getContactEventQueue().getQueueArn()))
                    .isEqualTo(logicalId("AWS::SQS::Queue", "DetectorContactEventQueue"));
            assertThat(ref(stack, detector.getContactEventDeadLetterQueue().getQueueArn()))
                    .isEqualTo(logicalId("AWS::SQS::Queue", "DetectorContactEventDeadLetterQueue"));
            assertThat(ref(stack, detector.getContactEventRule().getRuleArn()))
                    .isEqualTo(logicalId("AWS::Events::Rule", "DetectorContactEventRule"));
            assertThat(ref(stack, detector.getCheckScheduleRule().getRuleArn()))
                    .isEqualTo(logicalId("AWS::Events::Rule", "DetectorCheckSchedule"));
        }

        @Test
        void contactEventMetricsUseTheDetectorsNamespaceAndDimension() {
            assertThat(List.of(detector.metricContactEventsApplied(), detector.metricContactEventsRejected(),
                    detector.metricContactEventsPending())).allSatisfy(metric -> {
                        assertThat(metric.getNamespace()).isEqualTo("RecordingLeakageDetector");
                        assertThat(metric.getDimensions()).isEqualTo(Map.of("Detector", detector.getDetectorName()));
                        assertThat(metric.getStatistic()).isEqualTo("Sum");
                        assertThat(metric.getPeriod().toSeconds()).isEqualTo(300);
                    }).extracting(metric -> metric.getMetricName())
                    .containsExactly("ContactEventsApplied", "ContactEventsRejected", "ContactEventsPending");
            var hourly = detector.metricContactEventsPending(software.amazon.awscdk.services.cloudwatch.MetricOptions
                    .builder().period(Duration.hours(1)).statistic("Maximum").build());
            assertThat(hourly.getPeriod().toSeconds()).isEqualTo(3600);
            assertThat(hourly.getStatistic()).isEqualTo("Maximum");
        }

        private static String logicalId(String type, String idWithoutHash) {
            return Templates.logicalId(template, type, idWithoutHash);
        }
    }

    /** {@code contactEvents(false)}: polling only, as before contact events. */
    @Nested
    class Off {

        private static RecordingLeakageDetector detector;
        private static Template template;

        @BeforeAll
        static void synthesize() {
            Stack stack = DetectorFixtures.newStack();
            detector = new RecordingLeakageDetector(stack, "Detector",
                    DetectorFixtures.requiredProps(stack).contactEvents(false).build());
            template = Template.fromStack(stack);
        }

        @Test
        void noRuleQueueFunctionMappingCheckScheduleOrContactEventAlarmExists() {
            template.resourceCountIs("AWS::Lambda::Function", 6);
            template.resourceCountIs("AWS::Lambda::Alias", 6);
            template.resourceCountIs("AWS::Lambda::EventSourceMapping", 0);
            // The subscription filter's and the evidence schedule's
            template.resourceCountIs("AWS::Lambda::Permission", 2);
            template.resourceCountIs("AWS::Lambda::EventInvokeConfig", 1);
            // The workflow schedule and the evidence schedule
            template.resourceCountIs("AWS::Events::Rule", 2);
            // The ingest failure queue
            template.resourceCountIs("AWS::SQS::Queue", 1);
            template.resourceCountIs("AWS::SQS::QueuePolicy", 1);
            template.resourceCountIs("AWS::IAM::Role", 8);
            template.resourceCountIs("AWS::Logs::LogGroup", 7);
            template.resourceCountIs("AWS::CloudWatch::Alarm", 12);
            assertThat(Templates.resourcesOfType(template, "AWS::Lambda::Function").values())
                    .noneMatch(function -> function.path("Properties").path("Handler").asText().equals(HANDLER));
            assertThat(Templates.onlyResourceOfType(template, "AWS::CloudWatch::Dashboard").path("Properties")
                    .path("DashboardBody").toString()).doesNotContain("ContactEvents");
        }

        @Test
        void gettersOfTheContactEventResourcesReturnNull() {
            assertThat(detector.getContactEventFunction()).isNull();
            assertThat(detector.getContactEventAlias()).isNull();
            assertThat(detector.getContactEventQueue()).isNull();
            assertThat(detector.getContactEventDeadLetterQueue()).isNull();
            assertThat(detector.getContactEventRule()).isNull();
            assertThat(detector.getCheckScheduleRule()).isNull();
            assertThat(detector.getContactEventsDeadLetteredAlarm()).isNull();
            assertThat(detector.getContactEventsRejectedAlarm()).isNull();
            assertThat(detector.getAlarms()).hasSize(12);
        }

        @Test
        void pollersAndIngestAreToldThatContactEventsAreOff() {
            for (String poller : List.of("DetectorPollInitialisedFunction", "DetectorPollInProgressFunction")) {
                JsonNode variables = variables(template, poller);
                assertThat(variables.path("CONTACT_EVENTS").asText()).as(poller).isEqualTo("false");
                // Read (every variable is set), not used
                assertThat(variables.path("LIVE_CONTACT_EVENT_SILENCE_SECONDS").asText()).as(poller).isEqualTo("1800");
                assertThat(variables.path("INITIALISED_CONTACT_EVENT_SILENCE_SECONDS").asText()).as(poller)
                        .isEqualTo("600");
            }
            assertThat(variables(template, "DetectorIngestFunction").path("CONTACT_EVENTS").asText()).isEqualTo("false");
        }
    }

    @Test
    void silencesAndCheckScheduleReachThePollersAndTheRule() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .liveContactEventSilence(Duration.minutes(45))
                .initialisedContactEventSilence(Duration.seconds(90))
                .checkSchedule(Schedule.rate(Duration.minutes(2)))
                .build());

        // THEN
        Template template = Template.fromStack(stack);
        for (String poller : List.of("DetectorPollInitialisedFunction", "DetectorPollInProgressFunction")) {
            JsonNode variables = variables(template, poller);
            assertThat(variables.path("LIVE_CONTACT_EVENT_SILENCE_SECONDS").asText()).as(poller).isEqualTo("2700");
            assertThat(variables.path("INITIALISED_CONTACT_EVENT_SILENCE_SECONDS").asText()).as(poller).isEqualTo("90");
        }
        assertThat(resource(template, "AWS::Events::Rule", "DetectorCheckSchedule").path("Properties")
                .path("ScheduleExpression").asText()).isEqualTo("rate(2 minutes)");
    }

    @Test
    void withACustomerKeyBothQueuesUseItAndTheKeyPolicyLetsEventBridgeSend() {
        // GIVEN a key created in the stack
        Stack stack = DetectorFixtures.newStack();
        Key key = Key.Builder.create(stack, "CustomerKey").enableKeyRotation(true).build();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).encryptionKey(key).build());

        // THEN
        Template template = Template.fromStack(stack);
        Map<String, Object> keyArn = Map.of("Fn::GetAtt", List.of(Templates.logicalId(template, "AWS::KMS::Key",
                "CustomerKey"), "Arn"));
        for (String queue : List.of("DetectorContactEventQueue", "DetectorContactEventDeadLetterQueue")) {
            JsonNode properties = resource(template, "AWS::SQS::Queue", queue).path("Properties");
            assertThat(properties.path("KmsMasterKeyId")).as(queue).isEqualTo(json(keyArn));
            assertThat(properties.has("SqsManagedSseEnabled")).as(queue).isFalse();
        }
        // The SQS rule target's grant: this account's rules only (the condition), on this key only
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Action", List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"),
                        "Condition", Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))),
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "events.amazonaws.com"),
                        "Resource", "*"))))));
        // The function decrypts what it receives (and uses the table's key as the other writers do)
        assertThat(permissionsOf(template, "DetectorContactEventFunctionRole").stream()
                .filter(p -> p.startsWith("kms:")).toList()).containsExactly(
                "kms:Decrypt ${CustomerKey.Arn}",
                "kms:DescribeKey ${CustomerKey.Arn}",
                "kms:Encrypt ${CustomerKey.Arn}",
                "kms:GenerateDataKey* ${CustomerKey.Arn}",
                "kms:ReEncrypt* ${CustomerKey.Arn}");
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*importedEncryptionKey.*"));
    }

    @Test
    void anImportedKeyIsWarnedAboutWithTheStatementEventBridgeNeeds() {
        // GIVEN a key imported by ARN, and the user's own alert topic (so only the queue's warning applies)
        Stack stack = DetectorFixtures.newStack();
        String keyArn = "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .encryptionKey(Key.fromKeyArn(stack, "ImportedKey", keyArn))
                .alertTopic(software.amazon.awscdk.services.sns.Topic.Builder.create(stack, "ExistingTopic")
                        .enforceSsl(true).build())
                .build());

        // THEN one acknowledgeable warning on the detector names the key and the statement to add
        Annotations annotations = Annotations.fromStack(stack);
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp(".*importedEncryptionKey.*"));
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.getId()).isEqualTo("/TestStack/Detector");
            assertThat(warning.getEntry().getData().toString())
                    .startsWith("encryptionKey (" + keyArn + ") is imported, and the construct encrypts the contact "
                            + "event queue with it")
                    .contains("Add this statement to the key policy: {\"Sid\": \"AllowEventBridgeToSendContactEvents\", "
                            + "\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"events.amazonaws.com\"}, "
                            + "\"Action\": [\"kms:Decrypt\", \"kms:GenerateDataKey*\"], \"Resource\": \"*\"}")
                    .endsWith("[ack: recording-leakage-detector:importedEncryptionKeyForContactEventQueue]");
        });
    }

    @Test
    void twoDetectorsEachReceiveOnlyTheirOwnInstancesEvents() {
        // GIVEN two instances in one stack
        Stack stack = DetectorFixtures.newStack();
        String london = "arn:aws:connect:eu-west-2:111122223333:instance/11111111-1111-1111-1111-111111111111";
        String dublin = "arn:aws:connect:eu-west-2:111122223333:instance/22222222-2222-2222-2222-222222222222";

        // WHEN
        for (Map.Entry<String, String> instance : List.of(Map.entry("London", london), Map.entry("Dublin", dublin))) {
            String name = instance.getKey();
            new RecordingLeakageDetector(stack, name, RecordingLeakageDetectorProps.builder()
                    .instanceArn(instance.getValue())
                    .flowLogGroup(LogGroup.fromLogGroupName(stack, name + "Logs", "/aws/connect/" + name.toLowerCase()))
                    .recordingBucket(Bucket.fromBucketName(stack, name + "Recordings", name.toLowerCase() + "-recordings"))
                    .build());
        }

        // THEN each rule names its own instance, and sends to its own queue
        Template template = Template.fromStack(stack);
        for (String name : List.of("London", "Dublin")) {
            JsonNode rule = resource(template, "AWS::Events::Rule", name + "ContactEventRule").path("Properties");
            assertThat(Templates.text(rule.path("EventPattern").path("detail").path("instanceArn"))).as(name)
                    .isEqualTo("[\"" + (name.equals("London") ? london : dublin) + "\"]");
            assertThat(Templates.resourceText(rule.path("Targets").get(0).path("Arn"))).as(name)
                    .isEqualTo("${" + name + "ContactEventQueue.Arn}");
        }
    }

    @Nested
    class Validation {

        @Test
        void rejectsContactEventOptionsWithoutContactEventsNamingEach() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .liveContactEventSilence(Duration.minutes(20))
                    .checkSchedule(Schedule.rate(Duration.minutes(1)))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(HEADER + "liveContactEventSilence and checkSchedule apply only with contactEvents: set "
                            + "contactEvents true, or leave them unset");
        }

        @Test
        void rejectsAllThreeContactEventOptionsWithoutContactEventsInOneFailure() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .liveContactEventSilence(Duration.minutes(20))
                    .initialisedContactEventSilence(Duration.minutes(5))
                    .checkSchedule(Schedule.rate(Duration.minutes(1)))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + "liveContactEventSilence, initialisedContactEventSilence and checkSchedule apply "
                            + "only with contactEvents: set contactEvents true, or leave them unset");
        }

        @Test
        void rejectsOneContactEventOptionWithoutContactEvents() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .initialisedContactEventSilence(Duration.minutes(5))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + "initialisedContactEventSilence applies only with contactEvents: set "
                            + "contactEvents true, or leave initialisedContactEventSilence unset");
        }

        @Test
        void rejectsSilencesUnderAMinuteOverMaxTrackingAgeOrOfPartialSeconds() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .liveContactEventSilence(Duration.seconds(30))
                    .initialisedContactEventSilence(Duration.days(2))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + String.join("\n  - ",
                            "liveContactEventSilence 30 seconds must be whole seconds, from 1 minute to maxTrackingAge "
                                    + "(1 day)",
                            "initialisedContactEventSilence 2 days must be whole seconds, from 1 minute to "
                                    + "maxTrackingAge (1 day)"));
            Stack otherStack = DetectorFixtures.newStack();
            assertThatThrownBy(() -> new RecordingLeakageDetector(otherStack, "Detector",
                    DetectorFixtures.requiredProps(otherStack)
                            .maxTrackingAge(Duration.hours(6))
                            .liveContactEventSilence(Duration.millis(90_500))
                            .initialisedContactEventSilence(Duration.hours(7))
                            .build()))
                    .hasMessage(HEADER + String.join("\n  - ",
                            "liveContactEventSilence 1 minute 30 seconds (90.5 seconds) must be whole seconds, from 1 "
                                    + "minute to maxTrackingAge (6 hours)",
                            "initialisedContactEventSilence 7 hours must be whole seconds, from 1 minute to "
                                    + "maxTrackingAge (6 hours)"));
        }

        @Test
        void acceptsSilencesOfExactlyOneMinuteAndOfMaxTrackingAge() {
            Stack stack = DetectorFixtures.newStack();

            RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures
                    .requiredProps(stack)
                    .liveContactEventSilence(Duration.hours(24))
                    .initialisedContactEventSilence(Duration.minutes(1))
                    .build());

            assertThat(detector.getContactEventFunction()).isNotNull();
        }

        @Test
        void rejectsChangingAContactEventAlarmWithoutContactEventsButAcceptsSwitchingItOff() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .alarms(Map.of(DetectorAlarm.CONTACT_EVENTS_REJECTED, AlarmOverride.builder().threshold(3).build(),
                            DetectorAlarm.CONTACT_EVENTS_DEAD_LETTERED, AlarmOverride.off()))
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .hasMessage(HEADER + "alarms[CONTACT_EVENTS_REJECTED] changes an alarm this configuration does not "
                            + "create (contactEvents is false)");
            Stack otherStack = DetectorFixtures.newStack();
            RecordingLeakageDetector detector = new RecordingLeakageDetector(otherStack, "Detector", DetectorFixtures
                    .requiredProps(otherStack)
                    .contactEvents(false)
                    .alarms(Map.of(DetectorAlarm.CONTACT_EVENTS_REJECTED, AlarmOverride.off()))
                    .build());
            assertThat(detector.getContactEventsRejectedAlarm()).isNull();
        }
    }

    private static JsonNode resource(Template template, String type, String idWithoutHash) {
        return Templates.resourcesOfType(template, type).get(Templates.logicalId(template, type, idWithoutHash));
    }

    private static JsonNode variables(Template template, String functionIdWithoutHash) {
        return resource(template, "AWS::Lambda::Function", functionIdWithoutHash)
                .path("Properties").path("Environment").path("Variables");
    }

    private static List<String> permissionsOf(Template template, String roleIdWithoutHash) {
        return Templates.permissionsOfRole(template, Templates.logicalId(template, "AWS::IAM::Role", roleIdWithoutHash));
    }

    private static JsonNode json(Object value) {
        return new ObjectMapper().valueToTree(value);
    }

    /** The logical id a token refers to, by Ref or Fn::GetAtt. */
    private static String ref(Stack stack, String token) {
        Object resolved = stack.resolve(token);
        assertThat(resolved).as(token).isInstanceOf(Map.class);
        Map<?, ?> reference = (Map<?, ?>) resolved;
        return reference.containsKey("Ref") ? reference.get("Ref").toString()
                : ((List<?>) reference.get("Fn::GetAtt")).get(0).toString();
    }
}
