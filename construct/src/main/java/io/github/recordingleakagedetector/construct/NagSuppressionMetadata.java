package io.github.recordingleakagedetector.construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import io.github.recordingleakagedetector.construct.RuntimeContract.Handler;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions for the findings that are by design, each with its reason, written as the {@code cdk_nag}
 * resource metadata that cdk-nag reads (so the construct needs no cdk-nag dependency, and a consumer who runs
 * {@code AwsSolutionsChecks} sees only findings of their own). Wildcard findings are suppressed per finding
 * ({@code applies_to}), never for a whole rule, and only on the resource that needs them.
 */
final class NagSuppressionMetadata {

    static final String XRAY_AND_LOG_DELIVERY_WILDCARD = "X-Ray (PutTraceSegments, PutTelemetryRecords, GetSampling*) and "
            + "CloudWatch Logs vended log delivery (CreateLogDelivery and friends) have no resource-level permissions: "
            + "AWS requires Resource '*' for them";
    static final String CONTACT_WILDCARD = "connect:DescribeContact is scoped to the contacts of the one configured "
            + "instance (<instanceArn>/contact/*); contact ids are not known in advance";
    static final String KMS_ACTION_WILDCARD = "kms:GenerateDataKey* and kms:ReEncrypt* are the data-key actions SNS, "
            + "SQS and DynamoDB need for encrypted topics, queues and tables, granted on the one key only";
    static final String JAVA_21_RUNTIME = "Java 21 is deliberate: the runtime jar is built and tested for it, with "
            + "SnapStart; moving to a newer Java runtime is a separate, tested change";
    static final String FAILURE_QUEUE_IS_A_DLQ = "This queue is itself a dead-letter store: the on-failure destination "
            + "(EventInvokeConfig) of the ingest function's live alias, which cdk-nag does not recognise as DLQ use (it "
            + "looks only at RedrivePolicy and DeadLetterConfig). Its messages are replayed by hand and alarmed on; a DLQ "
            + "behind it would have no consumer";
    static final String SNAPSTART_PUBLISHED = "SnapStart applies: every caller invokes the 'live' alias of the "
            + "function's current published version";

    private NagSuppressionMetadata() {
    }

    static final String EVIDENCE_PREFIX_WILDCARD = "The evidence function writes each day's files under evidence/ "
            + "(evidence/YYYY/MM/DD/<file>): the keys of days to come are not known in advance";
    static final String EVIDENCE_ACCESS_LOGS = "The evidence bucket holds only what the evidence function writes; "
            + "who read or changed it is recorded by CloudTrail (S3 data events), which a regulated account keeps "
            + "organisation-wide, rather than by a second bucket of access logs";

    static void apply(Map<Handler, DetectorFunction> functions, StateMachine stateMachine, Queue ingestFailureQueue,
                      ITopic alertTopic, IBucket evidenceBucket, DetectorSettings settings) {
        boolean tableKey = settings.encryptionKey().isPresent();
        boolean topicKey = alertTopic.getMasterKey() != null;
        for (Map.Entry<Handler, DetectorFunction> entry : functions.entrySet()) {
            Handler handler = entry.getKey();
            DetectorFunction function = entry.getValue();
            suppress(function.function(), "AwsSolutions-L1", JAVA_21_RUNTIME, List.of());
            Annotations.of(function.function())
                    .acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish", SNAPSTART_PUBLISHED);
            IConstruct policy = defaultPolicy(function.role());
            suppress(policy, "AwsSolutions-IAM5", XRAY_AND_LOG_DELIVERY_WILDCARD, List.of("Resource::*"));
            // Exactly the data-key wildcards granted to this function: table writes under a customer key
            // (GenerateDataKey*, ReEncrypt*), publishing to an encrypted topic (GenerateDataKey*); for ingest, sending
            // to the failure queue under the same customer key adds the same two. The evidence function only reads
            // the table, and writes files and reports under the customer key, if any (GenerateDataKey*).
            boolean evidence = handler == Handler.DAILY_EVIDENCE;
            boolean writesTable = tableKey && !evidence;
            boolean publishes = evidence
                    ? settings.encryptionKey().isPresent() || evidenceBucket.getEncryptionKey() != null
                            || settings.reportTopic().map(topic -> topic.getMasterKey() != null).orElse(false)
                    : topicKey && handler != Handler.FLOW_LOG_INGEST && handler != Handler.PURGE_QUEUE_CONTACTS;
            List<Object> kmsFindings = new ArrayList<>();
            if (writesTable || publishes) {
                kmsFindings.add("Action::kms:GenerateDataKey*");
            }
            if (writesTable) {
                kmsFindings.add("Action::kms:ReEncrypt*");
            }
            if (!kmsFindings.isEmpty()) {
                suppress(policy, "AwsSolutions-IAM5", KMS_ACTION_WILDCARD, kmsFindings);
            }
            if (handler != Handler.FLOW_LOG_INGEST && handler != Handler.PURGE_QUEUE_CONTACTS && !evidence) {
                suppress(policy, "AwsSolutions-IAM5", CONTACT_WILDCARD, List.of(regex(".*/contact/\\*")));
            }
            if (evidence) {
                suppress(policy, "AwsSolutions-IAM5", EVIDENCE_PREFIX_WILDCARD,
                        List.of(regex(".*/" + DetectorSettings.EVIDENCE_KEY_PREFIX + "/\\*")));
            }
        }
        suppress(defaultPolicy((Role) stateMachine.getRole()), "AwsSolutions-IAM5", XRAY_AND_LOG_DELIVERY_WILDCARD,
                List.of("Resource::*"));
        suppress(ingestFailureQueue, "AwsSolutions-SQS3", FAILURE_QUEUE_IS_A_DLQ, List.of());
        if (settings.evidenceBucket().isEmpty()) {
            suppress(evidenceBucket, "AwsSolutions-S1", EVIDENCE_ACCESS_LOGS, List.of());
        }
    }

    /** A cdk-nag {@code applies_to} regular expression matching the whole finding {@code Resource::<arn>}. */
    private static Map<String, String> regex(String resourcePattern) {
        return Map.of("regex", "/^Resource::" + resourcePattern + "$/");
    }

    private static IConstruct defaultPolicy(Role role) {
        IConstruct policy = role.getNode().tryFindChild("DefaultPolicy");
        if (policy == null) {
            throw new IllegalStateException("Role " + role.getNode().getPath() + " has no policy to annotate");
        }
        return policy;
    }

    /** Appends one suppression to the {@code cdk_nag} metadata of the construct's CloudFormation resource. */
    @SuppressWarnings("unchecked")
    private static void suppress(IConstruct construct, String ruleId, String reason, List<Object> appliesTo) {
        CfnResource resource = (CfnResource) construct.getNode().getDefaultChild();
        Object existing = resource.getMetadata("cdk_nag");
        List<Object> rules = new ArrayList<>();
        if (existing instanceof Map<?, ?> metadata && metadata.get("rules_to_suppress") instanceof List<?> previous) {
            rules.addAll(previous);
        }
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", ruleId);
        rule.put("reason", reason);
        if (!appliesTo.isEmpty()) {
            rule.put("applies_to", appliesTo);
        }
        rules.add(rule);
        resource.addMetadata("cdk_nag", Map.of("rules_to_suppress", rules));
    }
}
