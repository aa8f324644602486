package io.github.recordingleakagedetector.construct;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;

/** The construct inside larger contact-centre apps: several detectors, resources made alongside, other stacks. */
class RecordingLeakageDetectorEmbeddingTest {

    @Test
    void twoDetectorsForTwoInstancesShareAStackWithoutCollisions() {
        // GIVEN a stack watching two Connect instances
        Stack stack = DetectorFixtures.newStack();

        // WHEN
        RecordingLeakageDetector london = new RecordingLeakageDetector(stack, "London", RecordingLeakageDetectorProps.builder()
                .instanceArn("arn:aws:connect:eu-west-2:111122223333:instance/11111111-1111-1111-1111-111111111111")
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "LondonLogs", "/aws/connect/london"))
                .recordingBucket(Bucket.fromBucketName(stack, "LondonRecordings", "london-recordings"))
                .build());
        RecordingLeakageDetector dublin = new RecordingLeakageDetector(stack, "Dublin", RecordingLeakageDetectorProps.builder()
                .instanceArn("arn:aws:connect:eu-west-2:111122223333:instance/22222222-2222-2222-2222-222222222222")
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "DublinLogs", "/aws/connect/dublin"))
                .recordingBucket(Bucket.fromBucketName(stack, "DublinRecordings", "dublin-recordings"))
                .build());

        // THEN every resource is doubled, and nothing that must be unique in an account is shared
        Template template = Template.fromStack(stack);
        template.resourceCountIs("AWS::Lambda::Function", 14);
        template.resourceCountIs("AWS::DynamoDB::Table", 2);
        template.resourceCountIs("AWS::StepFunctions::StateMachine", 2);
        template.resourceCountIs("AWS::Events::Rule", 8);
        template.resourceCountIs("AWS::Logs::SubscriptionFilter", 2);
        template.resourceCountIs("AWS::CloudWatch::Alarm", 28);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 2);
        template.resourceCountIs("AWS::S3::Bucket", 2);
        template.resourceCountIs("AWS::SQS::Queue", 6);
        template.resourceCountIs("AWS::SNS::Topic", 4);
        assertThat(london.getDetectorName()).isNotEqualTo(dublin.getDetectorName());
        assertThat(london.getRecordingKeyPrefix()).isEqualTo("connect/london/CallRecordings");
        assertThat(dublin.getRecordingKeyPrefix()).isEqualTo("connect/dublin/CallRecordings");
        assertNoExplicitNames(template);

        Set<String> alarmDimensions = new HashSet<>();
        Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm").values().forEach(alarm ->
                alarm.path("Properties").path("Dimensions").forEach(d -> alarmDimensions.add(Templates.text(d.path("Value")))));
        assertThat(alarmDimensions).contains(london.getDetectorName(), dublin.getDetectorName());

        assertThat(Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "DublinPollInitialisedFunctionRole")))
                .contains("connect:DescribeContact arn:aws:connect:eu-west-2:111122223333:instance/"
                        + "22222222-2222-2222-2222-222222222222/contact/*")
                .noneMatch(p -> p.contains("11111111-1111"));
    }

    @Test
    void bucketAndLogGroupCreatedInTheSameStackAreReferencedNotNamed() {
        // GIVEN a stack that creates its own recording bucket and flow-log group
        Stack stack = DetectorFixtures.newStack();
        Bucket bucket = Bucket.Builder.create(stack, "Recordings").encryption(BucketEncryption.KMS)
                .enforceSsl(true).removalPolicy(RemovalPolicy.RETAIN).build();
        LogGroup logGroup = LogGroup.Builder.create(stack, "FlowLogs").build();

        // WHEN
        new RecordingLeakageDetector(stack, "Detector", RecordingLeakageDetectorProps.builder()
                .instanceArn(DetectorFixtures.INSTANCE_ARN)
                .flowLogGroup(logGroup)
                .recordingBucket(bucket)
                .recordingKeyPrefix("connect/example/CallRecordings")
                .build());

        // THEN
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", Map.of(
                "LogGroupName", Map.of("Ref", Templates.logicalId(template, "AWS::Logs::LogGroup", "FlowLogs"))));
        List<String> check = Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "DetectorCheckRecordingsFunctionRole"));
        assertThat(check).contains(
                "s3:ListBucket ${Recordings.Arn} if {\"StringLike\":{\"s3:prefix\":[\"connect/example/CallRecordings/*\"]}}");
        // Listing returns key names, which SSE-KMS does not encrypt, and no function reads a recording: the bucket's
        // key is granted to no role, although the construct could see it here.
        Templates.resourcesOfType(template, "AWS::IAM::Role").keySet().forEach(role ->
                assertThat(Templates.permissionsOfRole(template, role)).as(role)
                        .noneMatch(p -> p.startsWith("s3:GetObject"))
                        .noneMatch(p -> p.contains("RecordingsKey")));
        template.hasResourceProperties("AWS::KMS::Key", Map.of("KeyPolicy", Map.of("Statement",
                Match.not(Match.arrayWith(List.of(Match.objectLike(Map.of("Principal", Map.of("AWS",
                        Match.objectLike(Map.of("Fn::GetAtt", Match.arrayWith(List.of(Match.stringLikeRegexp(
                                "DetectorCheckRecordingsFunctionRole.*"))))))))))))));
        JsonNode checkFunction = Templates.resourcesOfType(template, "AWS::Lambda::Function").get(
                Templates.logicalId(template, "AWS::Lambda::Function", "DetectorCheckRecordingsFunction"));
        assertThat(Templates.text(checkFunction.path("Properties").path("Environment").path("Variables")
                .path("RECORDING_BUCKET_NAME"))).isEqualTo("{\"Ref\":\"" + Templates.logicalId(template,
                "AWS::S3::Bucket", "Recordings") + "\"}");
    }

    @Test
    void bucketInAnotherStackIsReachedThroughCrossStackReferences() {
        // GIVEN the recording bucket in a storage stack of the same app
        App app = CdkTestApps.newApp();
        Stack storage = new Stack(app, "Storage");
        Bucket bucket = Bucket.Builder.create(storage, "Recordings").enforceSsl(true).build();
        Stack detection = new Stack(app, "Detection");

        // WHEN
        new RecordingLeakageDetector(detection, "Detector", RecordingLeakageDetectorProps.builder()
                .instanceArn(DetectorFixtures.INSTANCE_ARN)
                .flowLogGroup(LogGroup.fromLogGroupName(detection, "FlowLogs", DetectorFixtures.FLOW_LOG_GROUP_NAME))
                .recordingBucket(bucket)
                .build());

        // THEN the storage stack outputs what the detection stack reads (weak references, as cdk.json's
        // @aws-cdk/core:defaultCrossStackReferences asks), and nothing points the other way
        Template storageTemplate = Template.fromStack(storage);
        Template detectionTemplate = Template.fromStack(detection);
        JsonNode outputs = Templates.json(storageTemplate).path("Outputs");
        assertThat(outputs.size()).isEqualTo(2);
        assertThat(detection.getDependencies()).containsExactly(storage);
        assertThat(storage.getDependencies()).isEmpty();
        List<String> check = Templates.permissionsOfRole(detectionTemplate,
                Templates.logicalId(detectionTemplate, "AWS::IAM::Role", "DetectorCheckRecordingsFunctionRole"));
        assertThat(check).noneMatch(p -> p.startsWith("s3:GetObject"));
        assertThat(check).anyMatch(p -> p.matches("s3:ListBucket \\$\\{StackOutput:Storage\\.\\w+\\} if "
                + "\\{\"StringLike\":\\{\"s3:prefix\":\\[\"connect/example-contact-centre/CallRecordings/\\*\"\\]\\}\\}"));
        outputs.fieldNames().forEachRemaining(output -> assertThat(check.toString().contains(output)
                || Templates.json(detectionTemplate).toString().contains(output)).as(output).isTrue());
    }

    /** Resources named by CloudFormation cannot collide; only these properties would fix a name. */
    private static void assertNoExplicitNames(Template template) {
        Map<String, String> nameProperties = Map.of(
                "AWS::Lambda::Function", "FunctionName",
                "AWS::DynamoDB::Table", "TableName",
                "AWS::StepFunctions::StateMachine", "StateMachineName",
                "AWS::SNS::Topic", "TopicName",
                "AWS::Logs::LogGroup", "LogGroupName",
                "AWS::IAM::Role", "RoleName",
                "AWS::CloudWatch::Alarm", "AlarmName",
                "AWS::Events::Rule", "Name",
                "AWS::SQS::Queue", "QueueName");
        nameProperties.forEach((type, property) -> Templates.resourcesOfType(template, type).forEach((id, resource) ->
                assertThat(resource.path("Properties").has(property)).as(id + " sets " + property).isFalse()));
    }
}
