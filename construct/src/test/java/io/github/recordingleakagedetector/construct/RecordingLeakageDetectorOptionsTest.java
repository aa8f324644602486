package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.events.CronOptions;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/** GIVEN non-default props, WHEN the detector is synthesized, THEN each one reaches the resources it configures. */
class RecordingLeakageDetectorOptionsTest {

    /** Every optional prop set to a non-default value, with a customer managed key and an existing topic. */
    @Nested
    class EveryOptionSet {

        private static Template template;
        private static RecordingLeakageDetector detector;

        @BeforeAll
        static void synthesize() {
            Stack stack = DetectorFixtures.newStack();
            Key key = Key.Builder.create(stack, "CustomerKey").enableKeyRotation(true).build();
            Topic topic = Topic.Builder.create(stack, "ExistingTopic").masterKey(key).enforceSsl(true).build();
            detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                    .recordingKeyPrefix("recordings/eu/CallRecordings")
                    .additionalRecordingLocations(List.of("Analysis/Voice/Redacted", "archive/eu"))
                    .minimumRecordedShare(0.8)
                    .minimumLegForRecordedShare(Duration.minutes(1))
                    .checkIvrRecordings(true)
                    .schedule(Schedule.cron(CronOptions.builder().minute("0/10").hour("6-22").build()))
                    .recordingGracePeriod(Duration.minutes(30))
                    .describeContactRateLimit(0.5)
                    .maxTrackingAge(Duration.hours(48))
                    .contactRetention(Duration.days(30))
                    .alertTopic(topic)
                    .alertEmails(List.of("compliance@example.com", "ops@example.com"))
                    .removalPolicy(RemovalPolicy.DESTROY)
                    .encryptionKey(key)
                    .stateMachineType(StateMachineType.EXPRESS)
                    .architecture(Architecture.X86_64)
                    .memorySize(2048)
                    .logRetention(RetentionDays.ONE_WEEK)
                    .applicationLogLevel(ApplicationLogLevel.WARN)
                    .metricsNamespace("Compliance/Recordings")
                    .detectorName("eu-contact-centre")
                    .build());
            template = Template.fromStack(stack);
        }

        @Test
        void tableIsDestroyableWithoutDeletionProtectionAndEncryptedWithTheCustomerKey() {
            template.hasResource("AWS::DynamoDB::Table", Map.of(
                    "DeletionPolicy", "Delete",
                    "Properties", Match.objectLike(Map.of(
                            "DeletionProtectionEnabled", false,
                            "SSESpecification", Map.of(
                                    "SSEEnabled", true,
                                    "SSEType", "KMS",
                                    "KMSMasterKeyId", Map.of("Fn::GetAtt",
                                            List.of(Templates.logicalId(template, "AWS::KMS::Key", "CustomerKey"), "Arn")))))));
        }

        @Test
        void failureQueueIsEncryptedWithTheCustomerKey() {
            template.hasResourceProperties("AWS::SQS::Queue", Map.of(
                    "KmsMasterKeyId", Map.of("Fn::GetAtt",
                            List.of(Templates.logicalId(template, "AWS::KMS::Key", "CustomerKey"), "Arn")),
                    "SqsManagedSseEnabled", Match.absent(),
                    "MessageRetentionPeriod", 1209600));
        }

        @Test
        void usesTheGivenTopicAndSubscribesTheEmails() {
            // The given alert topic, and the report topic (which is not given)
            template.resourceCountIs("AWS::SNS::Topic", 2);
            template.resourceCountIs("AWS::KMS::Key", 1);
            template.resourceCountIs("AWS::SNS::Subscription", 2);
            template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                    "Protocol", "email", "Endpoint", "ops@example.com",
                    "TopicArn", Map.of("Ref", Templates.logicalId(template, "AWS::SNS::Topic", "ExistingTopic"))));
        }

        @Test
        void functionsGetTheConfiguredSizeArchitectureTimeoutsAndEnvironment() {
            Templates.resourcesOfType(template, "AWS::Lambda::Function").values().forEach(function -> {
                JsonNode properties = function.path("Properties");
                assertThat(properties.path("Architectures").toString()).isEqualTo("[\"x86_64\"]");
                assertThat(properties.path("MemorySize").asInt()).isEqualTo(2048);
                assertThat(properties.path("LoggingConfig").path("ApplicationLogLevel").asText()).isEqualTo("WARN");
                assertThat(properties.path("Timeout").asInt()).isIn(60, 90, 900);
                JsonNode variables = properties.path("Environment").path("Variables");
                assertThat(variables.path("METRICS_NAMESPACE").asText()).isEqualTo("Compliance/Recordings");
                assertThat(variables.path("DETECTOR_NAME").asText()).isEqualTo("eu-contact-centre");
            });
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "RECORDING_KEY_PREFIX", "recordings/eu/CallRecordings",
                            "RECORDING_GRACE_PERIOD_SECONDS", "1800",
                            "DESCRIBE_CONTACT_RATE_LIMIT", "0.5"))))));
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Environment", Map.of("Variables", Match.objectLike(Map.of(
                            "ADDITIONAL_RECORDING_PREFIXES", "Analysis/Voice/Redacted,archive/eu",
                            "MINIMUM_RECORDED_SHARE", "0.8",
                            "MINIMUM_LEG_SECONDS_FOR_SHARE", "60",
                            "CHECK_IVR_RECORDINGS", "true"))))));
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("MAX_TRACKING_AGE_SECONDS", "172800"))))));
            template.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                    "Environment", Map.of("Variables", Match.objectLike(Map.of("CONTACT_RETENTION_DAYS", "30"))))));
            Templates.resourcesOfType(template, "AWS::Logs::LogGroup").values().forEach(logGroup ->
                    assertThat(logGroup.path("Properties").path("RetentionInDays").asInt()).isEqualTo(7));
        }

        @Test
        void checkingIvrRecordingsAddsTheirAlarm() {
            template.resourceCountIs("AWS::CloudWatch::Alarm", 15);
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                    "MetricName", "IvrRecordingsMissing", "Namespace", "Compliance/Recordings",
                    "Dimensions", List.of(Map.of("Name", "Detector", "Value", "eu-contact-centre")))));
            assertThat(detector.getAlarms()).hasSize(15);
        }

        @Test
        void expressStateMachineFitsInFiveMinutes() {
            JsonNode stateMachine = Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine");
            assertThat(stateMachine.path("Properties").path("StateMachineType").asText()).isEqualTo("EXPRESS");
            assertThat(Templates.stateMachineDefinition(stateMachine).path("TimeoutSeconds").asInt()).isEqualTo(300);
        }

        @Test
        void scheduleAndPrefixScopedPermissionsFollowTheProps() {
            template.hasResourceProperties("AWS::Events::Rule", Map.of("ScheduleExpression", "cron(0/10 6-22 * * ? *)"));
            List<String> check = Templates.permissionsOfRole(template,
                    Templates.logicalId(template, "AWS::IAM::Role", "DetectorCheckRecordingsFunctionRole"));
            assertThat(check).contains(
                    "s3:ListBucket arn:${AWS::Partition}:s3:::example-connect-recordings"
                            + " if {\"StringLike\":{\"s3:prefix\":[\"recordings/eu/CallRecordings/*\","
                            + "\"Analysis/Voice/Redacted/*\",\"archive/eu/*\"]}}");
            assertThat(check).noneMatch(p -> p.startsWith("s3:GetObject"));
        }

        @Test
        void functionsGetTheKeyActionsOfTheirTableAccess() {
            String keyArn = "${CustomerKey.Arn}";
            // The evidence function only reads the table, but writes its files and reports under the same key
            List<String> evidence = Templates.permissionsOfRole(template,
                    Templates.logicalId(template, "AWS::IAM::Role", "DetectorDailyEvidenceFunctionRole"));
            assertThat(evidence.stream().filter(p -> p.startsWith("kms:")).toList()).containsExactly(
                    "kms:Decrypt " + keyArn, "kms:DescribeKey " + keyArn, "kms:Encrypt " + keyArn,
                    "kms:GenerateDataKey* " + keyArn);
            assertThat(evidence).noneMatch(p -> p.startsWith("kms:ReEncrypt"));
            List<String> ingest = Templates.permissionsOfRole(template,
                    Templates.logicalId(template, "AWS::IAM::Role", "DetectorIngestFunctionRole"));
            assertThat(ingest.stream().filter(p -> p.startsWith("kms:")).toList()).containsExactly(
                    "kms:Decrypt " + keyArn, "kms:DescribeKey " + keyArn, "kms:Encrypt " + keyArn,
                    "kms:GenerateDataKey* " + keyArn, "kms:ReEncrypt* " + keyArn);
        }

        @Test
        void alarmsUseTheDetectorsNamespaceAndName() {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                    "Namespace", "Compliance/Recordings",
                    "MetricName", "RecordingsMissing",
                    "Dimensions", List.of(Map.of("Name", "Detector", "Value", "eu-contact-centre"))));
            assertThat(detector.metricRecordingsMissing().getNamespace()).isEqualTo("Compliance/Recordings");
        }
    }

    private static final String IMPORTED_KEY_ARN =
            "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    @Test
    void importedEncryptionKeyForTheCreatedTopicWarnsWhichKeyPolicyStatementTheAlarmsNeed() {
        // GIVEN a key imported by ARN: this app cannot add a statement to its policy
        Stack stack = DetectorFixtures.newStack();
        IKey imported = Key.fromKeyArn(stack, "ImportedKey", IMPORTED_KEY_ARN);

        // WHEN the construct creates the alert topic encrypted with it
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).encryptionKey(imported).build());

        // THEN one acknowledgeable warning on the detector names the key and the exact statement CloudWatch needs
        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasWarning("/TestStack/Detector", Match.stringLikeRegexp(
                "^encryptionKey \\(" + IMPORTED_KEY_ARN + "\\) is imported, .*cloudwatch\\.amazonaws\\.com.*"
                        + "\\[ack: recording-leakage-detector:importedEncryptionKeyForAlertTopic\\]$"));
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.stringLikeRegexp(".*importedEncryptionKeyForAlertTopic.*"));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getEntry().getData().toString()).contains(
                "Add this statement to the key policy: {\"Sid\": \"AllowCloudWatchAlarmsToPublishToTheAlertTopic\", "
                        + "\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"cloudwatch.amazonaws.com\"}, "
                        + "\"Action\": [\"kms:Decrypt\", \"kms:GenerateDataKey*\"], \"Resource\": \"*\"}");
        // The construct could not grant it itself: no key policy in the template.
        Template.fromStack(stack).resourceCountIs("AWS::KMS::Key", 0);
    }

    @Test
    void aKeyImportedByATokenIsWarnedAboutWithoutItsUnresolvedArn() {
        // GIVEN a key whose ARN is only known at deploy time
        Stack stack = DetectorFixtures.newStack();
        IKey imported = Key.fromKeyArn(stack, "ImportedKey", Fn.importValue("SharedAlertKeyArn"));

        // WHEN the construct creates the alert topic encrypted with it
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).encryptionKey(imported).build());

        // THEN the warning still says what to do, but shows no token text
        List<SynthesisMessage> warnings = Annotations.fromStack(stack)
                .findWarning("*", Match.stringLikeRegexp(".*importedEncryptionKeyForAlertTopic.*"));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getEntry().getData().toString())
                .startsWith("encryptionKey is imported, ")
                .doesNotContain("${Token");
    }

    @Test
    void encryptionKeyCreatedInTheStackGetsTheStatementAndNoWarning() {
        // GIVEN a key created in the stack
        Stack stack = DetectorFixtures.newStack();
        Key key = Key.Builder.create(stack, "CustomerKey").enableKeyRotation(true).build();

        // WHEN the construct creates the alert topic encrypted with it
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).encryptionKey(key).build());

        // THEN the construct adds the statement itself, and does not warn
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*importedEncryptionKeyForAlertTopic.*"));
        Template.fromStack(stack).hasResourceProperties("AWS::KMS::Key", Map.of(
                "KeyPolicy", Map.of("Statement", Match.arrayWith(List.of(Map.of(
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Resource", "*"))))));
    }

    @Test
    void importedEncryptionKeyWithAGivenTopicDoesNotWarn() {
        // GIVEN an imported key for the table and queue, and the user's own topic (whose key policy is theirs)
        Stack stack = DetectorFixtures.newStack();
        IKey imported = Key.fromKeyArn(stack, "ImportedKey", IMPORTED_KEY_ARN);

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .encryptionKey(imported)
                .alertTopic(Topic.Builder.create(stack, "ExistingTopic").enforceSsl(true).build())
                .build());

        // THEN (the contact event queue's warning about the same key: RecordingLeakageDetectorContactEventsTest)
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*importedEncryptionKeyForAlertTopic.*"));
    }

    @Test
    void grantReadContactsLetsAReportingToolReadTheTableAndItsIndex() {
        // GIVEN
        Stack stack = DetectorFixtures.newStack();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).build());
        Role reporting = Role.Builder.create(stack, "ReportingRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();

        // WHEN
        detector.grantReadContacts(reporting);

        // THEN
        Template template = Template.fromStack(stack);
        List<String> permissions = Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "ReportingRole"));
        assertThat(permissions).contains(
                "dynamodb:GetItem ${DetectorContactTable.Arn}",
                "dynamodb:Query ${DetectorContactTable.Arn}",
                "dynamodb:Query ${DetectorContactTable.Arn}/index/*",
                "dynamodb:Scan ${DetectorContactTable.Arn}");
        assertThat(permissions).noneMatch(p -> p.matches("dynamodb:(Put|Update|Delete|BatchWrite).*"));
        // Exactly the documented read actions, on the table and its index: no stream or transaction actions, no KMS
        // (the table uses an AWS owned key by default).
        String table = "${DetectorContactTable.Arn}";
        assertThat(permissions).containsExactly(
                "dynamodb:BatchGetItem " + table,
                "dynamodb:BatchGetItem " + table + "/index/*",
                "dynamodb:DescribeTable " + table,
                "dynamodb:DescribeTable " + table + "/index/*",
                "dynamodb:GetItem " + table,
                "dynamodb:GetItem " + table + "/index/*",
                "dynamodb:Query " + table,
                "dynamodb:Query " + table + "/index/*",
                "dynamodb:Scan " + table,
                "dynamodb:Scan " + table + "/index/*");
        // ...and the documented constant is what is granted: each action on the table and on its indexes
        assertThat(permissions).containsExactlyInAnyOrderElementsOf(RecordingLeakageDetector.READ_CONTACTS_ACTIONS
                .stream().flatMap(action -> java.util.stream.Stream.of(action + " " + table,
                        action + " " + table + "/index/*")).toList());
    }

    @Test
    void grantReadContactsAddsDecryptOnTheCustomerManagedTableKey() {
        // GIVEN a table encrypted with a customer managed key
        Stack stack = DetectorFixtures.newStack();
        Key key = Key.Builder.create(stack, "CustomerKey").enableKeyRotation(true).build();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                DetectorFixtures.requiredProps(stack).encryptionKey(key).build());
        Role reporting = Role.Builder.create(stack, "ReportingRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com")).build();

        // WHEN
        detector.grantReadContacts(reporting);

        // THEN the reader may decrypt with the key, and use it for nothing else
        Template template = Template.fromStack(stack);
        List<String> permissions = Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "ReportingRole"));
        assertThat(permissions.stream().filter(p -> p.startsWith("kms:")).toList())
                .containsExactly("kms:Decrypt ${CustomerKey.Arn}", "kms:DescribeKey ${CustomerKey.Arn}");
        assertThat(permissions).allMatch(p -> p.startsWith("kms:") || p.startsWith("dynamodb:"));
    }
}
