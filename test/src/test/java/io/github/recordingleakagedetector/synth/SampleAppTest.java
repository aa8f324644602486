package io.github.recordingleakagedetector.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The sample app reads the Connect instance, log group and bucket from CDK context, with placeholder defaults. */
class SampleAppTest {

    @Test
    void placeholderDefaultsLetTheAppSynthesizeOutOfTheBox() {
        // WHEN
        RecordingLeakageDetectorSampleStack stack = SampleAppStacks.withPlaceholders();

        // THEN
        assertThat(stack.getStackName()).isEqualTo("RecordingLeakageDetectorSample");
        assertThat(stack.getDetector().getRecordingKeyPrefix()).isEqualTo("connect/example-contact-centre/CallRecordings");
        Template template = Template.fromStack(stack);
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter",
                Map.of("LogGroupName", RecordingLeakageDetectorSampleStack.PLACEHOLDER_FLOW_LOG_GROUP_NAME));
        assertThat(Templates.json(template).path("Outputs").has("AlertTopicArn")).isTrue();
        template.resourceCountIs("AWS::SNS::Subscription", 0);
    }

    @Test
    void contextValuesReplaceThePlaceholders() {
        // GIVEN cdk synth -c instanceArn=... -c flowLogGroupName=... -c recordingBucketName=... -c alertEmails=...
        RecordingLeakageDetectorSampleStack stack = SampleAppStacks.withContext(Map.of(
                "instanceArn", "arn:aws:connect:us-east-1:444455556666:instance/12345678-1234-1234-1234-123456789012",
                "flowLogGroupName", "/aws/connect/acme",
                "recordingBucketName", "acme-recordings",
                "alertEmails", "a@example.com, b@example.com"));

        // WHEN
        Template template = Template.fromStack(stack);

        // THEN
        template.hasResourceProperties("AWS::Logs::SubscriptionFilter", Map.of("LogGroupName", "/aws/connect/acme"));
        template.resourceCountIs("AWS::SNS::Subscription", 2);
        assertThat(Templates.permissionsOfRole(template,
                Templates.logicalId(template, "AWS::IAM::Role", "DetectorCheckRecordingsFunctionRole")))
                .contains("s3:ListBucket arn:${AWS::Partition}:s3:::acme-recordings"
                                + " if {\"StringLike\":{\"s3:prefix\":[\"connect/acme/CallRecordings/*\"]}}",
                        "connect:DescribeContact arn:aws:connect:us-east-1:444455556666:instance/"
                                + "12345678-1234-1234-1234-123456789012/contact/*")
                // Existence is checked by listing under the prefix; no function reads a recording.
                .noneMatch(p -> p.startsWith("s3:GetObject"));
    }
}
