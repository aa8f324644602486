package io.github.recordingleakagedetector.app;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The sample CDK app that {@code cdk.json} runs: one {@link RecordingLeakageDetectorSampleStack} named
 * {@value RecordingLeakageDetectorSampleStack#STACK_ID}.
 *
 * <p>Account and region come from {@code CDK_DEFAULT_ACCOUNT} / {@code CDK_DEFAULT_REGION}, which the CDK CLI sets from
 * the current credentials; without credentials the stack is environment-agnostic, so {@code cdk synth} still works.
 */
public final class SampleApp {

    private SampleApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        RecordingLeakageDetectorSampleStack.create(app, stackProps());
        app.synth();
    }

    static StackProps stackProps() {
        String account = System.getenv("CDK_DEFAULT_ACCOUNT");
        String region = System.getenv("CDK_DEFAULT_REGION");
        StackProps.Builder props = StackProps.builder()
                .description("Recording Leakage Detector: finds Amazon Connect calls without a recording");
        if (account != null && !account.isBlank() && region != null && !region.isBlank()) {
            props.env(Environment.builder().account(account).region(region).build());
        }
        return props.build();
    }
}
