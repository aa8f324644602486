package io.github.recordingleakagedetector.synth;

import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * GIVEN the sample app with its placeholder context, WHEN it is synthesized, THEN its template equals the reviewed
 * snapshot {@code src/test/resources/snapshots/RecordingLeakageDetectorSample.template.json} (see {@link Snapshots}).
 */
class SampleAppSnapshotTest {

    @Test
    void sampleAppTemplateMatchesTheSnapshot() {
        // GIVEN
        RecordingLeakageDetectorSampleStack stack = SampleAppStacks.withPlaceholders();

        // WHEN / THEN
        Snapshots.assertMatches(RecordingLeakageDetectorSampleStack.STACK_ID, Template.fromStack(stack));
    }
}
