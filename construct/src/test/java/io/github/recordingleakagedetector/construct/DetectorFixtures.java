package io.github.recordingleakagedetector.construct;

import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;

/** Stacks and props for the construct's tests: an existing Connect instance, its log group and its bucket. */
final class DetectorFixtures {

    static final String INSTANCE_ARN =
            "arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-0000-0000-000000000000";
    static final String FLOW_LOG_GROUP_NAME = "/aws/connect/example-contact-centre";
    static final String BUCKET_NAME = "example-connect-recordings";
    static final String DERIVED_PREFIX = "connect/example-contact-centre/CallRecordings";

    private DetectorFixtures() {
    }

    /** A new stack in a new App with the cdk.json feature flags. */
    static Stack newStack() {
        App app = CdkTestApps.newApp();
        return new Stack(app, "TestStack");
    }

    /** Props with only the required values, for resources imported by name as the sample app does. */
    static RecordingLeakageDetectorProps.Builder requiredProps(Stack stack) {
        return RecordingLeakageDetectorProps.builder()
                .instanceArn(INSTANCE_ARN)
                .flowLogGroup(LogGroup.fromLogGroupName(stack, "FlowLogGroup", FLOW_LOG_GROUP_NAME))
                .recordingBucket(Bucket.fromBucketName(stack, "RecordingBucket", BUCKET_NAME));
    }
}
