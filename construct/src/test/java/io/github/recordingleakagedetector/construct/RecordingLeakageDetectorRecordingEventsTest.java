package io.github.recordingleakagedetector.construct;

import static io.github.recordingleakagedetector.construct.DetectorFixtures.BUCKET_NAME;
import static io.github.recordingleakagedetector.construct.DetectorFixtures.DERIVED_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * The recording bucket's S3 events: GIVEN a detector with {@code recordingEvents} off (the default), on, on with a
 * customer managed key or a bucket of the app, or on without contact events, WHEN it is synthesized, THEN the rule
 * that passes the recording locations' {@code Object Created} and {@code Object Deleted} events to the contact event
 * queue exists exactly when it should, and the check and contact-event functions are told what they need.
 */
class RecordingLeakageDetectorRecordingEventsTest {

    private static final String HEADER = "Invalid RecordingLeakageDetector props at 'TestStack/Detector':\n  - ";
    private static final String ADDITIONAL_LOCATION = "Analysis/Voice/Redacted";
    private static final String QUEUE_ARN = "${DetectorContactEventQueue.Arn}";

    /** Everything default: recording events off. */
    @Nested
    class Off {

        private static RecordingLeakageDetector detector;
        private static Template template;

        @BeforeAll
        static void synthesize() {
            Stack stack = DetectorFixtures.newStack();
            detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack).build());
            template = Template.fromStack(stack);
        }

        @Test
        void noRuleListensToS3AndTheCheckIsToldRecordingEventsAreOff() {
            assertThat(s3Rules(template)).isEmpty();
            // The contact event rule, the check schedule, the workflow schedule and the evidence schedule
            template.resourceCountIs("AWS::Events::Rule", 4);
            assertThat(variables(template, "DetectorCheckRecordingsFunction").path("RECORDING_EVENTS").asText())
                    .isEqualTo("false");
            assertThat(detector.getRecordingEventsRule()).isNull();
        }

        @Test
        void dashboardHasNoRecordingEvents() {
            assertThat(dashboardBody(template)).doesNotContain("RecordingEvents");
        }
    }

    /** Recording events on, with one additional recording location. One synth serves all tests of this class. */
    @Nested
    class On {

        private static Stack stack;
        private static RecordingLeakageDetector detector;
        private static Template template;

        @BeforeAll
        static void synthesize() {
            stack = DetectorFixtures.newStack();
            detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                    .additionalRecordingLocations(List.of(ADDITIONAL_LOCATION))
                    .recordingEvents(true)
                    .build());
            template = Template.fromStack(stack);
        }

        @Test
        void oneRuleOnTheDefaultBusPassesTheBucketsCreatedAndDeletedEventsUnderEachRecordingLocation() {
            assertThat(s3Rules(template)).hasSize(1);
            JsonNode rule = resource(template, "AWS::Events::Rule", "DetectorRecordingEventsRule").path("Properties");

            // No EventBusName: the default bus, where S3 sends a bucket's events
            assertThat(rule.has("EventBusName")).isFalse();
            assertThat(rule.path("State").asText()).isEqualTo("ENABLED");
            assertThat(rule.path("EventPattern")).isEqualTo(json(Map.of(
                    "source", List.of("aws.s3"),
                    "detail-type", List.of("Object Created", "Object Deleted"),
                    "detail", Map.of(
                            "bucket", Map.of("name", List.of(BUCKET_NAME)),
                            "object", Map.of("key", List.of(
                                    Map.of("prefix", DERIVED_PREFIX + "/"),
                                    Map.of("prefix", ADDITIONAL_LOCATION + "/")))))));
        }

        @Test
        void ruleSendsTheEventsAsTheyAreToTheContactEventQueue() {
            JsonNode targets = resource(template, "AWS::Events::Rule", "DetectorRecordingEventsRule")
                    .path("Properties").path("Targets");
            assertThat(targets).hasSize(1);
            JsonNode target = targets.get(0);
            assertThat(Templates.resourceText(target.path("Arn"))).isEqualTo(QUEUE_ARN);
            assertThat(target.has("Input")).isFalse();
            assertThat(target.has("InputTransformer")).isFalse();
            // One queue, one event source mapping: the contact-event function reads both kinds of event
            template.resourceCountIs("AWS::SQS::Queue", 3);
            template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
        }

        @Test
        void queuePolicyLetsEventBridgeSendFromEachRuleByItsArnOnly() {
            assertThat(Templates.queuePolicyStatements(template, "DetectorContactEventQueue")).containsExactly(
                    "Deny sqs:* ${DetectorContactEventQueue.Arn} by {\"AWS\":\"*\"} if "
                            + "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}",
                    sendFrom("DetectorContactEventRule"),
                    sendFrom("DetectorRecordingEventsRule"));
        }

        @Test
        void checkIsToldRecordingEventsAreOn() {
            assertThat(variables(template, "DetectorCheckRecordingsFunction").path("RECORDING_EVENTS").asText())
                    .isEqualTo("true");
        }

        @Test
        void contactEventFunctionKnowsTheRecordingLocationsAsTheCheckDoes() {
            JsonNode check = variables(template, "DetectorCheckRecordingsFunction");
            JsonNode events = variables(template, "DetectorContactEventFunction");
            for (String variable : List.of("RECORDING_BUCKET_NAME", "RECORDING_KEY_PREFIX",
                    "ADDITIONAL_RECORDING_PREFIXES")) {
                assertThat(events.path(variable)).as(variable).isEqualTo(check.path(variable));
            }
            assertThat(events.path("RECORDING_BUCKET_NAME").asText()).isEqualTo(BUCKET_NAME);
            assertThat(events.path("RECORDING_KEY_PREFIX").asText()).isEqualTo(DERIVED_PREFIX);
            assertThat(events.path("ADDITIONAL_RECORDING_PREFIXES").asText()).isEqualTo(ADDITIONAL_LOCATION);
            // The function only reads what the events say: no S3 permission
            assertThat(Templates.permissionsOfRole(template, Templates.logicalId(template, "AWS::IAM::Role",
                    "DetectorContactEventFunctionRole"))).noneMatch(permission -> permission.startsWith("s3:"));
        }

        @Test
        void noAlarmIsAddedTheContactEventQueuesAlarmsCoverTheEvents() {
            template.resourceCountIs("AWS::CloudWatch::Alarm", 14);
        }

        @Test
        void getterReturnsTheRule() {
            Object ruleArn = stack.resolve(detector.getRecordingEventsRule().getRuleArn());
            assertThat(ruleArn).isEqualTo(Map.of("Fn::GetAtt", List.of(
                    logicalId("AWS::Events::Rule", "DetectorRecordingEventsRule"), "Arn")));
            assertThat(detector.getRecordingEventsRule().getNode().getId()).isEqualTo("RecordingEventsRule");
        }

        @Test
        void recordingEventMetricsUseTheDetectorsNamespaceAndDimension() {
            assertThat(List.of(detector.metricRecordingEventsApplied(), detector.metricRecordingEventsUnmatched()))
                    .allSatisfy(metric -> {
                        assertThat(metric.getNamespace()).isEqualTo("RecordingLeakageDetector");
                        assertThat(metric.getDimensions()).isEqualTo(Map.of("Detector", detector.getDetectorName()));
                        assertThat(metric.getStatistic()).isEqualTo("Sum");
                        assertThat(metric.getPeriod().toSeconds()).isEqualTo(300);
                    }).extracting(Metric::getMetricName)
                    .containsExactly("RecordingEventsApplied", "RecordingEventsUnmatched");
            Metric hourly = detector.metricRecordingEventsUnmatched(MetricOptions.builder()
                    .period(Duration.hours(1)).label("unmatched").build());
            assertThat(hourly.getPeriod().toSeconds()).isEqualTo(3600);
            assertThat(hourly.getLabel()).isEqualTo("unmatched");
            assertThat(detector.metricRecordingEventsApplied(MetricOptions.builder().statistic("Maximum").build())
                    .getStatistic()).isEqualTo("Maximum");
        }

        @Test
        void dashboardShowsRecordingEventsInTheContactEventRow() {
            String body = dashboardBody(template);
            assertThat(body).contains("\\\"title\\\":\\\"Recording events\\\"", "RecordingEventsApplied",
                    "RecordingEventsUnmatched", "\\\"title\\\":\\\"Contact events\\\"",
                    "\\\"title\\\":\\\"Contact event queues\\\"");
            // One row: the three graphs side by side, 8 wide each
            List<String> row = new ArrayList<>();
            for (String title : List.of("Contact events", "Recording events", "Contact event queues")) {
                int at = body.indexOf("\\\"title\\\":\\\"" + title + "\\\"");
                String widget = body.substring(body.lastIndexOf("{\\\"type\\\"", at), at);
                row.add(title + " " + widget.replaceAll(".*\\\\\"width\\\\\":(\\d+),\\\\\"height\\\\\":(\\d+),"
                        + "\\\\\"x\\\\\":(\\d+),\\\\\"y\\\\\":(\\d+).*", "w$1 h$2 x$3 y$4"));
            }
            String y = row.get(0).replaceAll(".* y", "");
            assertThat(row).containsExactly(
                    "Contact events w8 h6 x0 y" + y,
                    "Recording events w8 h6 x8 y" + y,
                    "Contact event queues w8 h6 x16 y" + y);
        }

        private static String logicalId(String type, String idWithoutHash) {
            return Templates.logicalId(template, type, idWithoutHash);
        }

        private static String sendFrom(String ruleIdWithoutHash) {
            return "Allow sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage ${DetectorContactEventQueue.Arn} by "
                    + "{\"Service\":\"events.amazonaws.com\"} if {\"ArnEquals\":{\"aws:SourceArn\":"
                    + "{\"Fn::GetAtt\":[\"" + logicalId("AWS::Events::Rule", ruleIdWithoutHash) + "\",\"Arn\"]}}}";
        }
    }

    @Test
    void aBucketOfTheAppIsNamedByReferenceAndAGivenPrefixIsUsedAsGiven() {
        // GIVEN a bucket created in the stack, with its EventBridge notifications on, and a given prefix
        Stack stack = DetectorFixtures.newStack();
        Bucket bucket = Bucket.Builder.create(stack, "Recordings").eventBridgeEnabled(true).enforceSsl(true).build();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .recordingBucket(bucket)
                .recordingKeyPrefix("connect/given/CallRecordings")
                .recordingEvents(true)
                .build());

        // THEN
        Template template = Template.fromStack(stack);
        JsonNode detail = resource(template, "AWS::Events::Rule", "DetectorRecordingEventsRule")
                .path("Properties").path("EventPattern").path("detail");
        assertThat(detail).isEqualTo(json(Map.of(
                "bucket", Map.of("name", List.of(Map.of("Ref", Templates.logicalId(template, "AWS::S3::Bucket",
                        "Recordings")))),
                "object", Map.of("key", List.of(Map.of("prefix", "connect/given/CallRecordings/"))))));
    }

    @Test
    void aPrefixKnownOnlyAtDeploymentIsMatchedByTheValueItResolvesTo() {
        // GIVEN the recording key prefix as a stack parameter
        Stack stack = DetectorFixtures.newStack();
        CfnParameter prefix = CfnParameter.Builder.create(stack, "RecordingKeyPrefix").type("String").build();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .recordingKeyPrefix(prefix.getValueAsString())
                .recordingEvents(true)
                .build());

        // THEN CloudFormation joins the parameter and the '/' in the pattern
        assertThat(resource(Template.fromStack(stack), "AWS::Events::Rule", "DetectorRecordingEventsRule")
                .path("Properties").path("EventPattern").path("detail").path("object")).isEqualTo(json(Map.of(
                        "key", List.of(Map.of("prefix", Map.of("Fn::Join", List.of("", List.of(
                                Map.of("Ref", "RecordingKeyPrefix"), "/"))))))));
    }

    @Test
    void withACustomerKeyTheRecordingEventsRuleSendsToTheQueueEncryptedWithIt() {
        // GIVEN a key created in the stack
        Stack stack = DetectorFixtures.newStack();
        Key key = Key.Builder.create(stack, "CustomerKey").enableKeyRotation(true).build();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .encryptionKey(key)
                .recordingEvents(true)
                .build());

        // THEN the rule targets the queue the key encrypts, and the key policy lets EventBridge use the key, once
        Template template = Template.fromStack(stack);
        assertThat(Templates.resourceText(resource(template, "AWS::Events::Rule", "DetectorRecordingEventsRule")
                .path("Properties").path("Targets").get(0).path("Arn"))).isEqualTo(QUEUE_ARN);
        assertThat(resource(template, "AWS::SQS::Queue", "DetectorContactEventQueue").path("Properties")
                .path("KmsMasterKeyId")).isEqualTo(json(Map.of("Fn::GetAtt", List.of(
                        Templates.logicalId(template, "AWS::KMS::Key", "CustomerKey"), "Arn"))));
        List<JsonNode> eventsStatements = new ArrayList<>();
        resource(template, "AWS::KMS::Key", "CustomerKey").path("Properties").path("KeyPolicy").path("Statement")
                .forEach(statement -> {
                    if (statement.path("Principal").toString().contains("events.amazonaws.com")) {
                        eventsStatements.add(statement);
                    }
                });
        assertThat(eventsStatements).singleElement().satisfies(statement -> assertThat(statement.path("Condition"))
                .isEqualTo(json(Map.of("StringEquals", Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement", Match.arrayWith(
                List.of(Match.objectLike(Map.of("Principal", Map.of("Service", "events.amazonaws.com"))))))));
        // CDK's SQS target on an encrypted queue allows this account's rules (a rule ARN condition would make the key
        // policy and the rule depend on each other): one statement serves both rules, as it served the contact event
        // rule alone
        assertThat(Templates.queuePolicyStatements(template, "DetectorContactEventQueue")).containsExactly(
                "Deny sqs:* ${DetectorContactEventQueue.Arn} by {\"AWS\":\"*\"} if "
                        + "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}",
                "Allow sqs:GetQueueAttributes,sqs:GetQueueUrl,sqs:SendMessage ${DetectorContactEventQueue.Arn} by "
                        + "{\"Service\":\"events.amazonaws.com\"} if {\"StringEquals\":{\"aws:SourceAccount\":"
                        + "{\"Ref\":\"AWS::AccountId\"}}}");
    }

    @Test
    void anImportedKeyIsWarnedAboutOnceNamingTheRecordingEventsItWouldStopToo() {
        // GIVEN a key imported by ARN, and the user's own alert topic (so only the queue's warning applies)
        Stack stack = DetectorFixtures.newStack();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", DetectorFixtures.requiredProps(stack)
                .encryptionKey(Key.fromKeyArn(stack, "ImportedKey",
                        "arn:aws:kms:eu-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                .alertTopic(software.amazon.awscdk.services.sns.Topic.Builder.create(stack, "ExistingTopic")
                        .enforceSsl(true).build())
                .recordingEvents(true)
                .build());

        // THEN the queue's one warning says the bucket's events would not reach the queue either
        assertThat(software.amazon.awscdk.assertions.Annotations.fromStack(stack)
                .findWarning("*", Match.stringLikeRegexp(".*importedEncryptionKeyForContactEventQueue.*")))
                .singleElement().satisfies(warning -> assertThat(warning.getEntry().getData().toString())
                        .contains("EventBridge can send contact events and recording events to the queue only if"));
    }

    @Nested
    class Validation {

        @Test
        void rejectsRecordingEventsWithoutContactEventsNamingBoth() {
            Stack stack = DetectorFixtures.newStack();
            RecordingLeakageDetectorProps props = DetectorFixtures.requiredProps(stack)
                    .contactEvents(false)
                    .recordingEvents(true)
                    .build();

            assertThatThrownBy(() -> new RecordingLeakageDetector(stack, "Detector", props))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(HEADER + "recordingEvents true needs contactEvents: the recording events travel "
                            + "through the contact event queue and function (set contactEvents true, or "
                            + "recordingEvents false)");
        }

        @Test
        void acceptsRecordingEventsOffWithoutContactEvents() {
            Stack stack = DetectorFixtures.newStack();

            RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector", DetectorFixtures
                    .requiredProps(stack)
                    .contactEvents(false)
                    .recordingEvents(false)
                    .build());

            assertThat(detector.getRecordingEventsRule()).isNull();
            assertThat(variables(Template.fromStack(stack), "DetectorCheckRecordingsFunction")
                    .path("RECORDING_EVENTS").asText()).isEqualTo("false");
        }
    }

    private static List<JsonNode> s3Rules(Template template) {
        return Templates.resourcesOfType(template, "AWS::Events::Rule").values().stream()
                .filter(rule -> rule.path("Properties").path("EventPattern").path("source").toString()
                        .contains("aws.s3"))
                .toList();
    }

    private static String dashboardBody(Template template) {
        return Templates.onlyResourceOfType(template, "AWS::CloudWatch::Dashboard").path("Properties")
                .path("DashboardBody").toString();
    }

    private static JsonNode resource(Template template, String type, String idWithoutHash) {
        return Templates.resourcesOfType(template, type).get(Templates.logicalId(template, type, idWithoutHash));
    }

    private static JsonNode variables(Template template, String functionIdWithoutHash) {
        return resource(template, "AWS::Lambda::Function", functionIdWithoutHash)
                .path("Properties").path("Environment").path("Variables");
    }

    private static JsonNode json(Object value) {
        return new ObjectMapper().valueToTree(value);
    }
}
