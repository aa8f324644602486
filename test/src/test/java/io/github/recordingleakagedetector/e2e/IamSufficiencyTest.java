package io.github.recordingleakagedetector.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The IAM check the end-to-end runs rely on must tell an allowed call from a denied one. */
class IamSufficiencyTest {
    private static final String INSTANCE = "arn:aws:connect:" + SynthesizedDetector.REGION + ":"
            + SynthesizedDetector.ACCOUNT + ":instance/" + FlowLogDeliveries.INSTANCE_ID;
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/iam-contacts";
    private static final String BUCKET = "arn:aws:s3:::iam-recordings";
    private static final String PREFIX = "connect/iam-centre/CallRecordings/";
    private static SynthesizedDetector detector;
    private static IamSufficiency iam;

    @BeforeAll
    static void synthesize() {
        detector = SynthesizedDetector.synthesize(Map.of("instanceArn", INSTANCE,
                "flowLogGroupName", "/aws/connect/iam-centre", "recordingBucketName", "iam-recordings"),
                "iam-contacts");
        iam = new IamSufficiency(detector);
    }

    private static String function(String handlerClass) {
        return detector.functions().values().stream().filter(f -> f.handlerClass().endsWith(handlerClass))
                .findFirst().orElseThrow().logicalId();
    }

    private static AwsCallRecorder.AwsCall call(String handlerClass, String action, String resource,
            Map<String, String> conditionKeys) {
        return new AwsCallRecorder.AwsCall(function(handlerClass), action.substring(0, action.indexOf(':')),
                action.substring(action.indexOf(':') + 1), action, resource, conditionKeys);
    }

    private static String evidenceBucket() {
        return "arn:aws:s3:::" + detector.evidenceBucketName();
    }

    @Test
    void theCallsTheHandlersMakeAreAllowedWithWhatTheyImply() {
        // GIVEN a call of each kind the functions make, by the function that makes it
        List<AwsCallRecorder.AwsCall> calls = List.of(
                call("FlowLogIngestHandler", "dynamodb:PutItem", TABLE, Map.of()),
                call("PollInitialisedHandler", "dynamodb:Query", TABLE + "/index/State-UpdatedAt-index", Map.of()),
                call("PollInitialisedHandler", "connect:DescribeContact", INSTANCE + "/contact/c-1", Map.of()),
                call("PollInitialisedHandler", "sns:Publish", detector.topicArn(), Map.of()),
                call("PurgeQueueContactsHandler", "dynamodb:UpdateItem", TABLE, Map.of()),
                call("CheckRecordingsHandler", "s3:ListBucket", BUCKET, Map.of("s3:prefix", PREFIX + "2026/03/15/c-1")),
                call("DailyEvidenceHandler", "dynamodb:Query", TABLE + "/index/ReportingDay-ContactId-index", Map.of()),
                call("DailyEvidenceHandler", "dynamodb:Query", TABLE + "/index/State-UpdatedAt-index", Map.of()),
                call("DailyEvidenceHandler", "s3:ListBucket", evidenceBucket(),
                        Map.of("s3:prefix", "evidence/2026/03/15/summary.json")),
                call("DailyEvidenceHandler", "s3:PutObject", evidenceBucket() + "/evidence/2026/03/15/recordings.csv",
                        Map.of()),
                call("DailyEvidenceHandler", "sns:Publish", detector.reportTopicArn(), Map.of()));

        // WHEN they are checked against the roles, THEN none is denied (the topic's KMS key and the logs included)
        assertThat(iam.violations(calls)).isEmpty();
    }

    @Test
    void aCallNoStatementAllowsIsReportedWithTheFunctionTheCallAndTheClosestStatement() {
        // GIVEN calls outside each role: a listing outside the recording prefix, an object read (never granted),
        // a table query instead of an index query, Connect asked by the ingest function
        List<AwsCallRecorder.AwsCall> calls = List.of(
                call("CheckRecordingsHandler", "s3:ListBucket", BUCKET, Map.of("s3:prefix", "connect/other/x")),
                call("CheckRecordingsHandler", "s3:GetObject", BUCKET + "/" + PREFIX + "2026/03/15/c-1.wav", Map.of()),
                call("PollInProgressHandler", "dynamodb:Query", TABLE, Map.of()),
                call("FlowLogIngestHandler", "connect:DescribeContact", INSTANCE + "/contact/c-1", Map.of()));

        // WHEN they are checked
        List<IamSufficiency.Violation> violations = iam.violations(calls);

        // THEN each is denied, naming the function, the call and the statement that came closest
        assertThat(violations).hasSize(4);
        assertThat(violations).anySatisfy(v -> {
            assertThat(v.function()).isEqualTo(function("CheckRecordingsHandler"));
            assertThat(v.call().conditionKeys()).containsEntry("s3:prefix", "connect/other/x");
            assertThat(v.closestStatement()).contains("s3:ListBucket", "connect/iam-centre/CallRecordings/*");
        });
        assertThat(violations).anySatisfy(v -> assertThat(v.toString())
                .contains("s3:GetObject on " + BUCKET).contains("not allowed by its role"));
        assertThat(violations).anySatisfy(v -> assertThat(v.toString())
                .contains("dynamodb:Query on " + TABLE + " is not allowed").contains("/index/State-UpdatedAt-index"));
        assertThat(violations).anySatisfy(v -> assertThat(v.toString())
                .startsWith(function("FlowLogIngestHandler") + ": connect:DescribeContact")
                .contains("closest statement: none for connect"));
    }

    @Test
    void wildcardsFollowIamsRules() {
        assertThat(IamSufficiency.glob("kms:GenerateDataKey*", "KMS:generateDataKey", true)).isTrue();
        assertThat(IamSufficiency.glob("arn:aws:s3:::b/a?c", "arn:aws:s3:::b/abc", false)).isTrue();
        assertThat(IamSufficiency.glob("arn:aws:s3:::b/a?c", "arn:aws:s3:::b/abbc", false)).isFalse();
        assertThat(IamSufficiency.glob("prefix/*", "prefix", false)).isFalse();
        assertThat(IamSufficiency.glob("a.b", "axb", false)).isFalse();
    }
}
