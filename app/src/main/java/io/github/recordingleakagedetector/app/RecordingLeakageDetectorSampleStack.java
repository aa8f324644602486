package io.github.recordingleakagedetector.app;

import java.util.Arrays;
import java.util.List;

import io.github.recordingleakagedetector.construct.RecordingLeakageDetector;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorProps;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * A stack with one {@link RecordingLeakageDetector} for an existing Amazon Connect instance, configured from CDK
 * context ({@code cdk synth -c instanceArn=... -c flowLogGroupName=... -c recordingBucketName=...}). Every key has a
 * placeholder default, so that {@code cdk synth} works out of the box; deploy only with real values.
 *
 * <table>
 *   <caption>Context keys</caption>
 *   <tr><th>key</th><th>placeholder default</th></tr>
 *   <tr><td>{@value #INSTANCE_ARN_KEY}</td><td>{@value #PLACEHOLDER_INSTANCE_ARN}</td></tr>
 *   <tr><td>{@value #FLOW_LOG_GROUP_NAME_KEY}</td><td>{@value #PLACEHOLDER_FLOW_LOG_GROUP_NAME}</td></tr>
 *   <tr><td>{@value #RECORDING_BUCKET_NAME_KEY}</td><td>{@value #PLACEHOLDER_RECORDING_BUCKET_NAME}</td></tr>
 *   <tr><td>{@value #RECORDING_KEY_PREFIX_KEY}</td><td>derived from the log group name</td></tr>
 *   <tr><td>{@value #ALERT_EMAILS_KEY}</td><td>none (comma-separated addresses)</td></tr>
 *   <tr><td>{@value #ADDITIONAL_RECORDING_LOCATIONS_KEY}</td><td>none (comma-separated key prefixes)</td></tr>
 *   <tr><td>{@value #CHECK_IVR_RECORDINGS_KEY}</td><td>false</td></tr>
 *   <tr><td>{@value #CONTACT_EVENTS_KEY}</td><td>true</td></tr>
 *   <tr><td>{@value #RECORDING_EVENTS_KEY}</td><td>false</td></tr>
 *   <tr><td>{@value #COMPLIANCE_TARGET_KEY}</td><td>none (a percentage, e.g. 99.5)</td></tr>
 *   <tr><td>{@value #REPORTING_TIME_ZONE_KEY}</td><td>UTC</td></tr>
 *   <tr><td>{@value #REPORT_EMAILS_KEY}</td><td>none (comma-separated addresses)</td></tr>
 * </table>
 */
public final class RecordingLeakageDetectorSampleStack extends Stack {

    public static final String STACK_ID = "RecordingLeakageDetectorSample";

    public static final String INSTANCE_ARN_KEY = "instanceArn";
    public static final String FLOW_LOG_GROUP_NAME_KEY = "flowLogGroupName";
    public static final String RECORDING_BUCKET_NAME_KEY = "recordingBucketName";
    public static final String RECORDING_KEY_PREFIX_KEY = "recordingKeyPrefix";
    public static final String ALERT_EMAILS_KEY = "alertEmails";
    public static final String ADDITIONAL_RECORDING_LOCATIONS_KEY = "additionalRecordingLocations";
    public static final String CHECK_IVR_RECORDINGS_KEY = "checkIvrRecordings";
    public static final String CONTACT_EVENTS_KEY = "contactEvents";
    public static final String RECORDING_EVENTS_KEY = "recordingEvents";
    public static final String COMPLIANCE_TARGET_KEY = "complianceTarget";
    public static final String REPORTING_TIME_ZONE_KEY = "reportingTimeZone";
    public static final String REPORT_EMAILS_KEY = "reportEmails";

    public static final String PLACEHOLDER_INSTANCE_ARN =
            "arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-0000-0000-000000000000";
    public static final String PLACEHOLDER_FLOW_LOG_GROUP_NAME = "/aws/connect/example-contact-centre";
    public static final String PLACEHOLDER_RECORDING_BUCKET_NAME = "example-connect-recordings";

    private final RecordingLeakageDetector detector;

    private RecordingLeakageDetectorSampleStack(Construct scope, String id, StackProps props) {
        super(scope, id, props);
        RecordingLeakageDetectorProps.Builder detectorProps = RecordingLeakageDetectorProps.builder()
                .instanceArn(context(INSTANCE_ARN_KEY, PLACEHOLDER_INSTANCE_ARN))
                .flowLogGroup(LogGroup.fromLogGroupName(this, "FlowLogGroup",
                        context(FLOW_LOG_GROUP_NAME_KEY, PLACEHOLDER_FLOW_LOG_GROUP_NAME)))
                .recordingBucket(Bucket.fromBucketName(this, "RecordingBucket",
                        context(RECORDING_BUCKET_NAME_KEY, PLACEHOLDER_RECORDING_BUCKET_NAME)))
                .recordingKeyPrefix(context(RECORDING_KEY_PREFIX_KEY, null))
                .alertEmails(list(context(ALERT_EMAILS_KEY, "")))
                .additionalRecordingLocations(list(context(ADDITIONAL_RECORDING_LOCATIONS_KEY, "")))
                .checkIvrRecordings(Boolean.parseBoolean(context(CHECK_IVR_RECORDINGS_KEY, "false")))
                .contactEvents(Boolean.parseBoolean(context(CONTACT_EVENTS_KEY, "true")))
                .recordingEvents(Boolean.parseBoolean(context(RECORDING_EVENTS_KEY, "false")))
                .reportingTimeZone(context(REPORTING_TIME_ZONE_KEY, null))
                .reportEmails(list(context(REPORT_EMAILS_KEY, "")));
        String target = context(COMPLIANCE_TARGET_KEY, null);
        if (target != null) {
            detectorProps.complianceTarget(Double.valueOf(target));
        }
        this.detector = new RecordingLeakageDetector(this, "Detector", detectorProps.build());

        CfnOutput.Builder.create(this, "AlertTopicArn").value(detector.getAlertTopic().getTopicArn())
                .description("Subscribe here to receive missing-recording alerts").build();
        CfnOutput.Builder.create(this, "StateMachineArn").value(detector.getStateMachine().getStateMachineArn())
                .description("The detection workflow, started every 5 minutes").build();
        CfnOutput.Builder.create(this, "EvidenceBucketName").value(detector.getEvidenceBucket().getBucketName())
                .description("Daily evidence for auditors, under evidence/YYYY/MM/DD/").build();
        CfnOutput.Builder.create(this, "ReportTopicArn").value(detector.getReportTopic().getTopicArn())
                .description("Subscribe here to receive the daily evidence summary").build();
        CfnOutput.Builder.create(this, "ContactTableName").value(detector.getContactTable().getTableName())
                .description("Contacts being tracked, with their recording verdicts").build();
    }

    /** Adds the sample stack to an app. */
    public static RecordingLeakageDetectorSampleStack create(Construct scope, StackProps props) {
        return new RecordingLeakageDetectorSampleStack(scope, STACK_ID, props);
    }

    /** The stack's detector. */
    public RecordingLeakageDetector getDetector() {
        return detector;
    }

    private String context(String key, String placeholder) {
        Object value = getNode().tryGetContext(key);
        return value == null || value.toString().isBlank() ? placeholder : value.toString();
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
