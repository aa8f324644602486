/**
 * The {@link io.github.recordingleakagedetector.construct.RecordingLeakageDetector} AWS CDK construct, configured with
 * {@link io.github.recordingleakagedetector.construct.RecordingLeakageDetectorProps}: it finds Amazon Connect calls
 * that should have been recorded and have no recording in S3. Everything else in this package is internal to the
 * construct (package-private).
 */
package io.github.recordingleakagedetector.construct;
