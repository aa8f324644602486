package io.github.recordingleakagedetector.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetector;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorProps;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import io.github.recordingleakagedetector.construct.testing.Templates;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;

/**
 * GIVEN cdk-nag's {@code AwsSolutionsChecks} on the app, WHEN it is synthesized, THEN there is no unsuppressed error
 * or warning, and every suppression (carried by the construct as {@code cdk_nag} metadata) has a reason and, for
 * wildcard findings, names the finding it applies to.
 *
 * <p>With the feature flag {@code @aws-cdk/core:annotationsInValidationReport} (cdk.json), an unsuppressed error
 * already fails the synth; the assertions below say which finding it was.
 */
class CdkNagTest {

    /** The only findings the construct suppresses, each for a stated reason. */
    private static final Set<String> SUPPRESSED_RULES = Set.of("AwsSolutions-IAM5", "AwsSolutions-L1", "AwsSolutions-SQS3",
            "AwsSolutions-S1");
    private static final String SCAFFOLDING_RULE = "AwsSolutions-S1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sampleAppHasNoUnsuppressedFindings() {
        // GIVEN
        Stack stack = SampleAppStacks.withPlaceholders();
        Aspects.of(stack.getNode().getRoot()).add(new AwsSolutionsChecks());

        // WHEN / THEN
        assertNoFindings(stack);
        assertSuppressionsCarryReasons(Template.fromStack(stack), SUPPRESSED_RULES);
        assertEveryWildcardSuppressionIsNeeded(Template.fromStack(stack));
    }

    @Test
    void detectorWithEveryOptionInAStackWithItsOwnBucketHasNoUnsuppressedFindings() {
        // GIVEN a bucket and log group made in the same stack, a customer key, e-mails, an EXPRESS workflow, a
        // compliance target, evidence kept under Object Lock, and recording events (the bucket's own switch,
        // eventBridgeEnabled, is its owner's: its notification handler is not the detector's to pass cdk-nag)
        App app = CdkTestApps.newApp();
        Stack stack = new Stack(app, "NagEveryOption");
        Key key = Key.Builder.create(stack, "Key").enableKeyRotation(true).build();
        Bucket accessLogs = Bucket.Builder.create(stack, "AccessLogs").enforceSsl(true)
                .encryption(BucketEncryption.S3_MANAGED).build();
        Bucket recordings = Bucket.Builder.create(stack, "Recordings").enforceSsl(true).encryptionKey(key)
                .serverAccessLogsBucket(accessLogs).build();
        new RecordingLeakageDetector(stack, "Detector", RecordingLeakageDetectorProps.builder()
                .instanceArn("arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-0000-0000-000000000000")
                .flowLogGroup(LogGroup.Builder.create(stack, "FlowLogs").build())
                .recordingBucket(recordings)
                .recordingKeyPrefix("connect/example/CallRecordings")
                .encryptionKey(key)
                .alertEmails(List.of("compliance@example.com"))
                .stateMachineType(StateMachineType.EXPRESS)
                .complianceTarget(99.5)
                .evidenceRetention(software.amazon.awscdk.Duration.days(2557))
                .reportEmails(List.of("audit@example.com"))
                .recordingEvents(true)
                .build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        suppressTestScaffolding(stack, accessLogs);

        // WHEN / THEN
        assertNoFindings(stack);
        assertSuppressionsCarryReasons(Template.fromStack(stack), Set.of("AwsSolutions-IAM5", "AwsSolutions-L1",
                "AwsSolutions-SQS3", SCAFFOLDING_RULE));
        assertEveryWildcardSuppressionIsNeeded(Template.fromStack(stack));
    }

    @Test
    void detectorInAVpcHasNoUnsuppressedFindingsAndAUsersOwnWildcardIsStillReported() {
        // GIVEN the detector's functions in a VPC with isolated subnets (the VPC is test scaffolding)
        // (findings reported as annotations rather than failing the synth, so that the test can read them)
        App app = CdkTestApps.newApp(java.util.Map.of("@aws-cdk/core:annotationsInValidationReport", false));
        Stack stack = new Stack(app, "NagVpc");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder().name("isolated")
                        .subnetType(SubnetType.PRIVATE_ISOLATED).build()))
                .build();
        RecordingLeakageDetector detector = new RecordingLeakageDetector(stack, "Detector",
                RecordingLeakageDetectorProps.builder()
                        .instanceArn("arn:aws:connect:eu-west-2:111122223333:instance/00000000-0000-0000-0000-000000000000")
                        .flowLogGroup(LogGroup.fromLogGroupName(stack, "FlowLogs", "/aws/connect/example"))
                        .recordingBucket(Bucket.fromBucketName(stack, "Recordings", "example-recordings"))
                        .vpc(vpc)
                        .build());
        // ...and a grant of the user's own, with a wildcard the construct has no reason for
        detector.getCheckRecordingsFunction().addToRolePolicy(PolicyStatement.Builder.create()
                .actions(List.of("s3:GetObject")).resources(List.of("arn:aws:s3:::example-recordings/*")).build());
        Aspects.of(app).add(new AwsSolutionsChecks());
        NagSuppressions.addResourceSuppressions(vpc, List.of(NagPackSuppression.builder().id("AwsSolutions-VPC7")
                .reason("Test scaffolding: the VPC the detector is placed in is the user's, flow logs are theirs").build()),
                true);

        // WHEN / THEN the only finding is the user's wildcard; the VPC access policy is suppressed with its reason
        Annotations annotations = Annotations.fromStack(stack);
        List<String> findings = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).stream()
                .map(message -> message.getId() + " " + message.getEntry().getData()).toList();
        assertThat(findings).singleElement().asString()
                .startsWith("/NagVpc/Detector/CheckRecordingsFunctionRole/DefaultPolicy/Resource AwsSolutions-IAM5")
                .contains("Resource::arn:aws:s3:::example-recordings/*");
        JsonNode warnings = JSON.valueToTree(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertThat(warnings).as("unsuppressed cdk-nag warnings").isEmpty();
        assertSuppressionsCarryReasons(Template.fromStack(stack), Set.of("AwsSolutions-IAM4", "AwsSolutions-IAM5",
                "AwsSolutions-L1", "AwsSolutions-SQS3", "AwsSolutions-S1", "AwsSolutions-VPC7"));
        List<String> rolesWithVpcPolicySuppressed = new ArrayList<>();
        Templates.json(Template.fromStack(stack)).path("Resources").properties().forEach(entry -> entry.getValue()
                .path("Metadata").path("cdk_nag").path("rules_to_suppress").forEach(rule -> {
                    if (rule.path("id").asText().equals("AwsSolutions-IAM4")) {
                        assertThat(rule.path("reason").asText()).contains("AWSLambdaVPCAccessExecutionRole");
                        rolesWithVpcPolicySuppressed.add(Templates.stripHash(entry.getKey()));
                    }
                }));
        assertThat(rolesWithVpcPolicySuppressed).containsExactlyInAnyOrder("DetectorIngestFunctionRole",
                "DetectorPollInitialisedFunctionRole", "DetectorPurgeQueueContactsFunctionRole",
                "DetectorPollInProgressFunctionRole", "DetectorCheckRecordingsFunctionRole",
                "DetectorDailyEvidenceFunctionRole", "DetectorContactEventFunctionRole");
    }

    /** The access-log bucket is test scaffolding, not part of the construct. */
    private static void suppressTestScaffolding(Stack stack, Bucket accessLogs) {
        NagSuppressions.addResourceSuppressions(accessLogs, List.of(
                NagPackSuppression.builder().id(SCAFFOLDING_RULE)
                        .reason("Test scaffolding: the access-log bucket of the recording bucket logs nowhere itself")
                        .build()));
    }

    private static void assertNoFindings(Stack stack) {
        Annotations annotations = Annotations.fromStack(stack);
        // Serialized, so that a failure shows each finding's construct path and text.
        JsonNode errors = JSON.valueToTree(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        JsonNode warnings = JSON.valueToTree(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertThat(errors).as("unsuppressed cdk-nag errors").isEmpty();
        assertThat(warnings).as("unsuppressed cdk-nag warnings").isEmpty();
    }

    /**
     * No stale suppression: each {@code applies_to} entry of an IAM5 suppression matches a wildcard that the
     * resource's own policy really has ({@code Action::<action with *>} or {@code Resource::<resource with *>}).
     */
    private static void assertEveryWildcardSuppressionIsNeeded(Template template) {
        Templates.json(template).path("Resources").properties().forEach(entry -> {
            JsonNode resource = entry.getValue();
            List<String> findings = wildcardFindings(resource);
            resource.path("Metadata").path("cdk_nag").path("rules_to_suppress").forEach(suppression -> {
                if (!suppression.path("id").asText().equals("AwsSolutions-IAM5")) {
                    return;
                }
                suppression.path("applies_to").forEach(appliesTo -> {
                    Predicate<String> matches = appliesTo.isTextual()
                            ? appliesTo.asText()::equals
                            : Pattern.compile(javaScriptRegexBody(appliesTo.path("regex").asText())).asMatchPredicate();
                    assertThat(findings).as(entry.getKey() + " suppresses " + appliesTo + " (" + suppression.path("reason")
                            .asText() + ")").anyMatch(matches);
                });
            });
        });
    }

    /** The IAM5 findings of a policy resource, as cdk-nag words them (references rendered as {@code ${Id.Attr}}). */
    private static List<String> wildcardFindings(JsonNode resource) {
        List<String> findings = new ArrayList<>();
        resource.path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
            asList(statement.path("Action")).stream().map(Templates::text).filter(a -> a.contains("*"))
                    .forEach(action -> findings.add("Action::" + action));
            asList(statement.path("Resource")).stream().map(Templates::resourceText).filter(r -> r.contains("*"))
                    .forEach(arn -> findings.add("Resource::" + arn));
        });
        return findings;
    }

    private static List<JsonNode> asList(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }

    /** {@code /^Resource::.*$/} becomes {@code ^Resource::.*$}. */
    private static String javaScriptRegexBody(String literal) {
        return literal.substring(1, literal.lastIndexOf('/'));
    }

    private static void assertSuppressionsCarryReasons(Template template, Set<String> allowedRules) {
        List<JsonNode> suppressions = new ArrayList<>();
        Templates.json(template).path("Resources").forEach(resource ->
                resource.path("Metadata").path("cdk_nag").path("rules_to_suppress").forEach(suppressions::add));
        assertThat(suppressions).isNotEmpty().allSatisfy(suppression -> {
            String id = suppression.path("id").asText();
            assertThat(id).as("suppressed rule").isIn(allowedRules);
            assertThat(suppression.path("reason").asText()).as(id).hasSizeGreaterThanOrEqualTo(40);
            if (id.equals("AwsSolutions-IAM5")) {
                // Wildcards are suppressed finding by finding, never for the whole rule.
                assertThat(suppression.path("applies_to").size()).as(id).isPositive();
            }
        });
    }
}
