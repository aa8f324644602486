package io.github.recordingleakagedetector.synth;

import java.util.Map;

import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The sample app's stack as {@code cdk synth} builds it (same feature flags), environment-agnostic. */
final class SampleAppStacks {

    private SampleAppStacks() {
    }

    static RecordingLeakageDetectorSampleStack withPlaceholders() {
        return withContext(Map.of());
    }

    /** As {@code cdk synth -c key=value ...}. */
    static RecordingLeakageDetectorSampleStack withContext(Map<String, String> context) {
        App app = CdkTestApps.newApp(context);
        return RecordingLeakageDetectorSampleStack.create(app, StackProps.builder().build());
    }
}
