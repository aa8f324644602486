package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Compliance evidence in the template: the evidence bucket, function, schedule and report topic, the blind-detector
 * and compliance alarms, the dashboard, and the validation of their props.
 */
class RecordingLeakageDetectorEvidenceTest {

    /** GIVEN only the required props. */
    @Nested
    class Defaults {
        static Stack stack;
        static RecordingLeakageDetector detector;
        static Template template;

        @BeforeAll
        static void synthesize() {
            stack = DetectorFixtures.newStack();
            detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).build());
            template = Template.fromStack(stack);
        }

        @Test
        void theEvidenceBucketIsEncryptedVersionedPrivateTlsOnlyArchivedAndRetained() {
            template.hasResource("AWS::S3::Bucket", Map.of(
                    "DeletionPolicy", "Retain",
                    "Properties", Map.of(
                            "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Map.of(
                                    "ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                            "VersioningConfiguration", Map.of("Status", "Enabled"),
                            "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true,
                                    "BlockPublicPolicy", true, "IgnorePublicAcls", true,
                                    "RestrictPublicBuckets", true),
                            "OwnershipControls", Map.of("Rules", List.of(Map.of(
                                    "ObjectOwnership", "BucketOwnerEnforced"))),
                            "LifecycleConfiguration", Map.of("Rules", List.of(Map.of(
                                    "Id", "ArchiveEvidence",
                                    "Status", "Enabled",
                                    "Transitions", List.of(Map.of("StorageClass", "GLACIER_IR",
                                            "TransitionInDays", 90)),
                                    "NoncurrentVersionTransitions", List.of(Map.of("StorageClass", "GLACIER_IR",
                                            "TransitionInDays", 90))))),
                            "ObjectLockEnabled", Match.absent())));
            template.hasResourceProperties("AWS::S3::BucketPolicy", Map.of("PolicyDocument", Map.of("Statement",
                    List.of(Match.objectLike(Map.of("Effect", "Deny", "Action", "s3:*",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false"))))))));
        }

        @Test
        void theEvidenceFunctionRunsHourlyWithAnEmptyInputOnItsLiveAlias() {
            JsonNode rule = Templates.resourcesOfType(template, "AWS::Events::Rule")
                    .get(logicalId("AWS::Events::Rule", "DetectorEvidenceSchedule")).path("Properties");
            assertThat(rule.path("ScheduleExpression").asText()).isEqualTo("cron(20 * * * ? *)");
            assertThat(rule.path("Targets")).singleElement().satisfies(target -> {
                assertThat(Templates.resourceText(target.path("Arn")))
                        .isEqualTo("${DetectorDailyEvidenceFunctionAliaslive}");
                assertThat(target.path("Input").asText()).isEqualTo("{}");
                assertThat(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt()).isEqualTo(2);
            });
        }

        @Test
        void theEvidenceFunctionMayQueryTheTwoIndexesListAndPutUnderEvidenceAndPublishTheReportOnly() {
            assertThat(Templates.permissionsOfRole(template, logicalId("AWS::IAM::Role",
                    "DetectorDailyEvidenceFunctionRole"))).containsExactly(
                    "dynamodb:Query ${DetectorContactTable.Arn}/index/ReportingDay-ContactId-index",
                    "dynamodb:Query ${DetectorContactTable.Arn}/index/State-UpdatedAt-index",
                    "logs:CreateLogStream ${DetectorDailyEvidenceFunctionLogs.Arn}",
                    "logs:PutLogEvents ${DetectorDailyEvidenceFunctionLogs.Arn}",
                    "s3:ListBucket ${DetectorEvidenceBucket.Arn} if {\"StringLike\":{\"s3:prefix\":[\"evidence/*\"]}}",
                    "s3:PutObject ${DetectorEvidenceBucket.Arn}/evidence/*",
                    "sns:Publish ${DetectorReportTopic}",
                    "xray:PutTelemetryRecords *",
                    "xray:PutTraceSegments *");
        }

        @Test
        void theReportTopicIsApartFromTheAlertTopicEncryptedAndTlsOnly() {
            JsonNode topic = Templates.resourcesOfType(template, "AWS::SNS::Topic")
                    .get(logicalId("AWS::SNS::Topic", "DetectorReportTopic")).path("Properties");
            assertThat(topic.path("DisplayName").asText()).isEqualTo("Recording Leakage Detector daily evidence");
            assertThat(Templates.text(topic.path("KmsMasterKeyId"))).contains(":alias/aws/sns");
            template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                    "Topics", List.of(Map.of("Ref", logicalId("AWS::SNS::Topic", "DetectorReportTopic"))),
                    "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                            "Effect", "Deny",
                            "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))));
            assertThat(detector.getReportTopic().getTopicArn()).isNotEqualTo(detector.getAlertTopic().getTopicArn());
        }

        @Test
        void blindDetectorAlarmsFireOnSilenceAndMissingDataBreaches() {
            JsonNode workflow = alarm("DetectorWorkflowNotSucceedingAlarm");
            assertThat(workflow.path("Namespace").asText() + "/" + workflow.path("MetricName").asText())
                    .isEqualTo("AWS/States/ExecutionsSucceeded");
            assertThat(workflow.path("Period").asInt() * workflow.path("EvaluationPeriods").asInt()).isEqualTo(900);
            JsonNode flowLogs = alarm("DetectorFlowLogSilenceAlarm");
            assertThat(flowLogs.path("MetricName").asText()).isEqualTo("FlowLogEventsIngested");
            assertThat(flowLogs.path("Period").asInt()).isEqualTo(3600);
            assertThat(flowLogs.path("EvaluationPeriods").asInt()).isEqualTo(24);
            for (JsonNode silence : List.of(workflow, flowLogs)) {
                assertThat(silence.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
                assertThat(silence.path("Threshold").asInt()).isEqualTo(1);
                assertThat(silence.path("Statistic").asText()).isEqualTo("Sum");
                assertThat(silence.path("TreatMissingData").asText()).isEqualTo("breaching");
                assertThat(Templates.text(silence.path("AlarmActions")))
                        .isEqualTo("[{\"Ref\":\"" + logicalId("AWS::SNS::Topic", "DetectorAlertTopic") + "\"}]");
            }
            JsonNode evidence = alarm("DetectorEvidenceErrorsAlarm");
            assertThat(evidence.path("Namespace").asText() + "/" + evidence.path("MetricName").asText())
                    .isEqualTo("AWS/Lambda/Errors");
            assertThat(evidence.path("Period").asInt()).isEqualTo(3600);
        }

        @Test
        void withoutATargetThereIsNoComplianceAlarmButTheMetricIsThere() {
            assertThat(Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm").keySet())
                    .noneMatch(id -> id.startsWith("DetectorComplianceBelowTargetAlarm"));
            assertThat(detector.metricCompliance().getExpression()).startsWith("IF(");
            assertThat(detector.metricCompliance().getPeriod().toSeconds()).isEqualTo(86400);
            assertThat(detector.metricCompliance(MetricOptions.builder().period(Duration.hours(1)).label("hourly")
                    .build())).satisfies(hourly -> {
                        assertThat(hourly.getPeriod().toSeconds()).isEqualTo(3600);
                        assertThat(hourly.getLabel()).isEqualTo("hourly");
                        assertThat(hourly.getUsingMetrics()).containsOnlyKeys("recorded", "missing", "empty",
                                "partial", "unverifiable");
                    });
        }

        @Test
        void theDashboardShowsComplianceCategoriesLeaksTheWorkflowConnectFlowLogsTheQueueAndTheAlarms() {
            JsonNode body = Templates.parseJoined(Templates.onlyResourceOfType(template, "AWS::CloudWatch::Dashboard")
                    .path("Properties").path("DashboardBody"));
            List<String> titles = new ArrayList<>();
            List<String> types = new ArrayList<>();
            body.path("widgets").forEach(widget -> {
                types.add(widget.path("properties").path("view").asText(widget.path("type").asText()));
                titles.add(widget.path("properties").path("title").asText());
            });
            assertThat(titles).contains("Compliance over the time range shown", "Compliance by hour",
                    "Contacts by category (per hour)", "Leaks (per 5 minutes)", "Workflow executions",
                    "Workflow duration (ms)", "DescribeContact requests", "Flow-log events", "Ingest failure queue",
                    "Alarms");
            assertThat(types).contains("gauge", "timeSeries", "alarm");
            assertThat(detector.getDashboard()).isNotNull();
        }

        private static JsonNode alarm(String idWithoutHash) {
            return Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm")
                    .get(logicalId("AWS::CloudWatch::Alarm", idWithoutHash)).path("Properties");
        }

        private static String logicalId(String type, String idWithoutHash) {
            return Templates.logicalId(template, type, idWithoutHash);
        }
    }

    /** GIVEN a target, a local day, a retention, report e-mails and the alarms tuned. */
    @Nested
    class EveryEvidenceOptionSet {
        static Template template;
        static RecordingLeakageDetector detector;

        @BeforeAll
        static void synthesize() {
            Stack stack = DetectorFixtures.newStack();
            detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                    .complianceTarget(99.5)
                    .reportingTimeZone("Europe/London")
                    .evidenceRetention(Duration.days(2557))
                    .reportEmails(List.of("audit@example.com"))
                    .flowLogSilencePeriod(Duration.hours(72))
                    .workflowSilencePeriod(Duration.minutes(30))
                    .dashboard(false)
                    .build());
            template = Template.fromStack(stack);
        }

        @Test
        void theComplianceAlarmWatchesTheRatioOverADayAgainstTheTarget() {
            JsonNode alarm = Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm")
                    .get(Templates.logicalId(template, "AWS::CloudWatch::Alarm", "DetectorComplianceBelowTargetAlarm"))
                    .path("Properties");
            assertThat(alarm.path("Threshold").asDouble()).isEqualTo(99.5);
            assertThat(alarm.path("ComparisonOperator").asText()).isEqualTo("LessThanThreshold");
            assertThat(alarm.path("TreatMissingData").asText()).isEqualTo("notBreaching");
            Map<String, String> metrics = new TreeMap<>();
            alarm.path("Metrics").forEach(metric -> metrics.put(metric.path("Id").asText(), metric.has("Expression")
                    ? metric.path("Expression").asText()
                    : metric.path("MetricStat").path("Metric").path("MetricName").asText() + "/"
                            + metric.path("MetricStat").path("Period").asInt()));
            assertThat(metrics).containsEntry("recorded", "RecordingsVerified/86400")
                    .containsEntry("missing", "RecordingsMissing/86400").containsEntry("empty", "RecordingsEmpty/86400")
                    .containsEntry("partial", "RecordingsPartial/86400")
                    .containsEntry("unverifiable", "ContactsUnverifiable/86400");
            assertThat(metrics.values()).anyMatch(text -> text.startsWith("IF((FILL(recorded, 0) + ")
                    && text.contains("> 0, 100 * FILL(recorded, 0) / (FILL(recorded, 0) + "));
        }

        @Test
        void theTargetAndTheTimeZoneReachTheFunctionsThatUseThem() {
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "io.github.recordingleakagedetector.runtime.handler.DailyEvidenceHandler::handleRequest",
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "COMPLIANCE_TARGET_PERCENT", "99.5", "REPORTING_TIME_ZONE", "Europe/London"))))));
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Handler", "io.github.recordingleakagedetector.runtime.handler.FlowLogIngestHandler::handleRequest",
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "REPORTING_TIME_ZONE", "Europe/London"))))));
        }

        @Test
        void evidenceIsLockedInComplianceModeForTheRetention() {
            template.hasResourceProperties("AWS::S3::Bucket", Map.of(
                    "ObjectLockEnabled", true,
                    "ObjectLockConfiguration", Map.of("ObjectLockEnabled", "Enabled", "Rule", Map.of(
                            "DefaultRetention", Map.of("Mode", "COMPLIANCE", "Days", 2557)))));
        }

        @Test
        void reportEmailsSubscribeToTheReportTopicOnly() {
            template.resourceCountIs("AWS::SNS::Subscription", 1);
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email",
                    "Endpoint", "audit@example.com", "TopicArn",
                    Map.of("Ref", Templates.logicalId(template, "AWS::SNS::Topic", "DetectorReportTopic"))));
        }

        @Test
        void theSilencePeriodsSetTheBlindAlarmsWindowsAndNoDashboardIsMade() {
            Map<String, JsonNode> alarms = Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm");
            JsonNode flowLogs = alarms.get(Templates.logicalId(template, "AWS::CloudWatch::Alarm",
                    "DetectorFlowLogSilenceAlarm")).path("Properties");
            JsonNode workflow = alarms.get(Templates.logicalId(template, "AWS::CloudWatch::Alarm",
                    "DetectorWorkflowNotSucceedingAlarm")).path("Properties");
            assertThat(flowLogs.path("EvaluationPeriods").asInt()).isEqualTo(72);
            assertThat(workflow.path("EvaluationPeriods").asInt()).isEqualTo(6);
            template.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
            assertThat(detector.getDashboard()).isNull();
        }
    }

    @Test
    void theFlowLogSilenceAlarmCanBeSwitchedOffAndAGivenEvidenceBucketIsUsedAsItIs() {
        // GIVEN a centre closed at weekends, with an evidence bucket of its own
        Stack stack = DetectorFixtures.newStack();
        Bucket evidence = Bucket.Builder.create(stack, "AuditBucket").versioned(true).build();

        // WHEN
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).flowLogSilenceAlarm(false).evidenceBucket(evidence).build());

        // THEN no silence alarm, no second bucket, and the function may write only under evidence/ of the given one
        Template template = Template.fromStack(stack);
        assertThat(Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm").keySet())
                .noneMatch(id -> id.startsWith("DetectorFlowLogSilenceAlarm"));
        template.resourceCountIs("AWS::S3::Bucket", 1);
        assertThat(detector.getEvidenceBucket()).isSameAs(evidence);
        assertThat(Templates.permissionsOfRole(template, Templates.logicalId(template, "AWS::IAM::Role",
                "DetectorDailyEvidenceFunctionRole"))).contains("s3:PutObject ${AuditBucket.Arn}/evidence/*");
    }

    @Test
    void everyInvalidEvidencePropIsNamedWithItsValueInOneMessage() {
        Stack stack = DetectorFixtures.newStack();

        assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .maxTrackingAge(Duration.hours(24))
                .contactRetention(Duration.days(2))
                .complianceTarget(100.5)
                .reportingTimeZone("Mars/Olympus_Mons")
                .evidenceBucket(Bucket.fromBucketName(stack, "Given", "given-evidence"))
                .evidenceRetention(Duration.hours(36))
                .reportEmails(List.of("auditors"))
                .flowLogSilenceAlarm(false)
                .flowLogSilencePeriod(Duration.hours(48))
                .workflowSilencePeriod(Duration.minutes(7))
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid RecordingLeakageDetector props at 'TestStack/Detector':\n"
                        + "  - complianceTarget 100.5 must be a percentage above 0 and at most 100\n"
                        + "  - reportingTimeZone 'Mars/Olympus_Mons' is not a time zone (an IANA name such as "
                        + "Europe/London, or UTC)\n"
                        + "  - evidenceRetention 1 day 12 hours applies only to the evidence bucket the construct creates: "
                        + "set Object Lock on the given evidenceBucket itself, or leave evidenceBucket unset\n"
                        + "  - evidenceRetention 1 day 12 hours must be a whole number of days, at least 1\n"
                        + "  - reportEmails[0] 'auditors' is not an e-mail address\n"
                        + "  - flowLogSilencePeriod 2 days has no effect: flowLogSilenceAlarm is false\n"
                        + "  - workflowSilencePeriod 7 minutes must be a multiple of 5 minutes, from 10 minutes to 1 day\n"
                        + "  - contactRetention 2 days must be at least maxTrackingAge plus 2 days, or a day's contacts "
                        + "expire before its evidence is written");
    }

    @Test
    void theWorkflowSilencePeriodMustCoverTheGapsOfASlowerSchedule() {
        // GIVEN a schedule every 30 minutes with the default 15-minute silence period, and then with 40 minutes
        Stack tooShort = DetectorFixtures.newStack();
        Stack enough = DetectorFixtures.newStack();
        Stack cron = DetectorFixtures.newStack();

        // WHEN / THEN the first is refused, naming both values and the minimum; the second passes; a custom cron
        // expression, whose gaps cannot be read, gets an acknowledgeable warning
        assertThatThrownBy(() -> new RecordingLeakageDetector(tooShort, "Detector", DetectorFixtures
                .requiredProps(tooShort).schedule(Schedule.rate(Duration.minutes(30))).build()))
                .hasMessageContaining("workflowSilencePeriod 15 minutes is too short for schedule rate(30 minutes): "
                        + "it must be at least the interval plus 10 minutes (40 minutes), or the blind-detector alarm "
                        + "fires between runs");
        new RecordingLeakageDetector(enough, "Detector", DetectorFixtures.requiredProps(enough)
                .schedule(Schedule.rate(Duration.minutes(30))).workflowSilencePeriod(Duration.minutes(40)).build());
        assertThat(Annotations.fromStack(enough).findWarning("*", Match.stringLikeRegexp(".*workflowSilencePeriod.*")))
                .isEmpty();
        new RecordingLeakageDetector(cron, "Detector", DetectorFixtures.requiredProps(cron)
                .schedule(Schedule.cron(CronOptions.builder().minute("0/10").hour("6-22").build())).build());
        Annotations.fromStack(cron).hasWarning("/TestStack/Detector", Match.stringLikeRegexp("^schedule cron\\(0/10 "
                + "6-22 \\* \\* \\? \\*\\) is a custom cron expression: make workflowSilencePeriod \\(15 minutes\\).*"
                + "\\[ack: recording-leakage-detector:workflowSilencePeriodUnchecked\\]$"));
    }

    @Test
    void aFlowLogSilencePeriodBeyondSevenDaysOrInPartHoursIsRefused() {
        for (Duration period : List.of(Duration.hours(169), Duration.minutes(90))) {
            Stack stack = DetectorFixtures.newStack();
            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector",
                    DetectorFixtures.requiredProps(stack).flowLogSilencePeriod(period).build()))
                    .hasMessageContaining("flowLogSilencePeriod " + period.toHumanString()
                            + " must be whole hours, 1 to 168 (CloudWatch evaluates an alarm over at most 7 days)");
        }
    }
}
