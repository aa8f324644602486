package io.github.recordingleakagedetector.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.recordingleakagedetector.construct.RecordingLeakageDetector;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorProps;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/**
 * One reviewed snapshot per option scenario, as cdk-monitoring-constructs keeps them, each with the explicit resource
 * counts that say what the scenario changes (so a reviewer reads the counts before the diff).
 */
class ScenarioSnapshotTest {

    private static final String INSTANCE_ARN =
            "arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-0000-0000-000000000000";

    @Test
    void expressWorkflow() {
        // GIVEN / WHEN
        Stack stack = newStack("ScenarioExpressWorkflow");
        new RecordingLeakageDetector(stack, "Detector", required(stack)
                .stateMachineType(StateMachineType.EXPRESS).build());

        // THEN one EXPRESS state machine that logs every execution (EXPRESS has no execution history)
        Template template = Template.fromStack(stack);
        assertThat(counts(template)).containsAllEntriesOf(Map.of("AWS::StepFunctions::StateMachine", 1,
                "AWS::Lambda::Function", 7, "AWS::CloudWatch::Alarm", 14, "AWS::KMS::Key", 1));
        assertThat(Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine").path("Properties")
                .path("StateMachineType").asText()).isEqualTo("EXPRESS");
        Snapshots.assertMatches("ScenarioExpressWorkflow", template);
    }

    @Test
    void customerManagedKey() {
        // GIVEN / WHEN the user's key for the table, queue and topic
        Stack stack = newStack("ScenarioCustomerKey");
        Key key = Key.Builder.create(stack, "CustomerKey").enableKeyRotation(true).build();
        new RecordingLeakageDetector(stack, "Detector", required(stack).encryptionKey(key).build());

        // THEN no key of the construct's own: the user's is the only one (for the table and the three queues)
        Template template = Template.fromStack(stack);
        assertThat(counts(template)).containsAllEntriesOf(Map.of("AWS::KMS::Key", 1, "AWS::SNS::Topic", 2,
                "AWS::DynamoDB::Table", 1, "AWS::SQS::Queue", 3));
        assertThat(Templates.onlyResourceOfType(template, "AWS::DynamoDB::Table").path("Properties")
                .path("SSESpecification").path("SSEType").asText()).isEqualTo("KMS");
        Snapshots.assertMatches("ScenarioCustomerKey", template);
    }

    @Test
    void givenAlertTopic() {
        // GIVEN / WHEN the user's topic for alerts and alarms
        Stack stack = newStack("ScenarioGivenTopic");
        Topic topic = Topic.Builder.create(stack, "ComplianceTopic").enforceSsl(true).build();
        new RecordingLeakageDetector(stack, "Detector", required(stack).alertTopic(topic).build());

        // THEN no alert topic or key is created (the report topic still is)
        Template template = Template.fromStack(stack);
        assertThat(counts(template)).containsAllEntriesOf(Map.of("AWS::SNS::Topic", 2, "AWS::CloudWatch::Alarm", 14));
        assertThat(counts(template)).doesNotContainKey("AWS::KMS::Key");
        Snapshots.assertMatches("ScenarioGivenTopic", template);
    }

    @Test
    void twoDetectorsInOneStack() {
        // GIVEN / WHEN two instances' detectors side by side
        Stack stack = newStack("ScenarioTwoDetectors");
        new RecordingLeakageDetector(stack, "Retail", required(stack).detectorName("retail").build());
        new RecordingLeakageDetector(stack, "Collections", RecordingLeakageDetectorProps.builder()
                .instanceArn(INSTANCE_ARN.replace("00000000-0000-0000-0000-000000000000",
                        "11111111-1111-1111-1111-111111111111"))
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "CollectionsFlowLogs", "/aws/connect/collections"))
                .recordingBucket(Bucket.fromBucketName(stack, "CollectionsRecordings", "collections-recordings"))
                .detectorName("collections")
                .build());

        // THEN everything twice, nothing shared, nothing colliding
        Template template = Template.fromStack(stack);
        assertThat(counts(template)).containsAllEntriesOf(Map.of("AWS::Lambda::Function", 14,
                "AWS::CloudWatch::Alarm", 28, "AWS::DynamoDB::Table", 2, "AWS::StepFunctions::StateMachine", 2,
                "AWS::Events::Rule", 8, "AWS::Logs::SubscriptionFilter", 2, "AWS::CloudWatch::Dashboard", 2));
        Snapshots.assertMatches("ScenarioTwoDetectors", template);
    }

    @Test
    void recordingEvents() {
        // GIVEN / WHEN a bucket whose owner sends its events to EventBridge, with Contact Lens's redacted audio as an
        // additional location
        Stack stack = newStack("ScenarioRecordingEvents");
        new RecordingLeakageDetector(stack, "Detector", required(stack).recordingEvents(true)
                .additionalRecordingLocations(List.of("Analysis/Voice/Redacted")).build());

        // THEN a third rule (contact events, check schedule, recording events) and nothing else more: the recording
        // events share the contact event queue, its dead-letter queue and alarms
        Template template = Template.fromStack(stack);
        assertThat(counts(template)).containsAllEntriesOf(Map.of("AWS::Lambda::Function", 7,
                "AWS::CloudWatch::Alarm", 14, "AWS::SQS::Queue", 3));
        assertThat(Templates.json(template).path("Resources").findValues("Type").stream()
                .filter(type -> type.asText().equals("AWS::Events::Rule")).count()).isEqualTo(5);
        Snapshots.assertMatches("ScenarioRecordingEvents", template);
    }

    private static Stack newStack(String id) {
        return new Stack(CdkTestApps.newApp(), id);
    }

    private static RecordingLeakageDetectorProps.Builder required(Stack stack) {
        return RecordingLeakageDetectorProps.builder()
                .instanceArn(INSTANCE_ARN)
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "FlowLogs", "/aws/connect/example"))
                .recordingBucket(Bucket.fromBucketName(stack, "Recordings", "example-recordings"));
    }

    private static Map<String, Integer> counts(Template template) {
        Map<String, Integer> counts = new TreeMap<>();
        Templates.json(template).path("Resources").forEach(resource ->
                counts.merge(resource.path("Type").asText(), 1, Integer::sum));
        return counts;
    }
}
