package io.github.recordingleakagedetector.construct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.recordingleakagedetector.construct.DetectorFunctions.DetectorFunction;
import io.github.recordingleakagedetector.construct.RuntimeContract.Handler;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.iam.CfnRole;
import software.amazon.awscdk.services.iam.Policy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.IConstruct;

/**
 * cdk-nag suppressions for the findings that are by design, each with its reason, written as the {@code cdk_nag}
 * resource metadata that cdk-nag reads (so the construct needs no cdk-nag dependency, and a consumer who runs
 * {@code AwsSolutionsChecks} sees only findings of their own). Wildcard findings are suppressed per finding
 * ({@code applies_to}), never for a whole rule, and only on the resource that needs them. The IAM findings are
 * derived from what the roles were granted (read back from their policies), not kept as a second list.
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
    static final String VPC_ACCESS_POLICY_REASON = "AWSLambdaVPCAccessExecutionRole is AWS's own policy for a function "
            + "in a VPC (creating and deleting its network interfaces): those EC2 actions have no resource-level "
            + "permissions, and AWS keeps the policy current; attached only when the vpc prop is set";
    /** CloudWatch Logs vended-log-delivery actions (state machine logging), which need Resource '*'. */
    static final Set<String> LOG_DELIVERY_ACTIONS = Set.of("logs:CreateLogDelivery", "logs:DeleteLogDelivery",
            "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries",
            "logs:PutResourcePolicy", "logs:UpdateLogDelivery");
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
                      IBucket evidenceBucket, DetectorSettings settings) {
        for (DetectorFunction function : functions.values()) {
            suppress(function.function(), "AwsSolutions-L1", JAVA_21_RUNTIME, List.of());
            Annotations.of(function.function())
                    .acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish", SNAPSTART_PUBLISHED);
            suppressGrantedWildcards(function.role());
            suppressVpcAccessPolicy(function.role());
        }
        suppressGrantedWildcards((Role) stateMachine.getRole());
        suppress(ingestFailureQueue, "AwsSolutions-SQS3", FAILURE_QUEUE_IS_A_DLQ, List.of());
        if (settings.evidenceBucket().isEmpty()) {
            suppress(evidenceBucket, "AwsSolutions-S1", EVIDENCE_ACCESS_LOGS, List.of());
        }
    }

    /**
     * Reads the role's policy as granted so far and suppresses each wildcard whose reason is known, finding by
     * finding. A wildcard of no known kind stays unsuppressed, so that cdk-nag reports it: a grant this class has no
     * reason for is a design change to review, not something to hide.
     */
    private static void suppressGrantedWildcards(Role role) {
        IConstruct policy = defaultPolicy(role);
        Stack stack = Stack.of(role);
        Map<String, Set<Object>> findingsByReason = new LinkedHashMap<>();
        for (Map<String, Object> statement : statements((Policy) policy)) {
            List<String> actions = strings(statement.get("Action"));
            for (String action : actions) {
                if (action.contains("*") && action.startsWith("kms:")) {
                    findingsByReason.computeIfAbsent(KMS_ACTION_WILDCARD, r -> new LinkedHashSet<>())
                            .add("Action::" + action);
                }
            }
            for (String resource : strings(statement.get("Resource"))) {
                if (!resource.contains("*")) {
                    continue;
                }
                String tail = literalTail(stack, resource);
                String reason = resourceWildcardReason(actions, resource, tail);
                if (reason != null) {
                    findingsByReason.computeIfAbsent(reason, r -> new LinkedHashSet<>())
                            .add(Token.isUnresolved(resource) ? regex(".*" + escapeForJavaScriptRegex(tail))
                                    : "Resource::" + resource);
                }
            }
        }
        findingsByReason.forEach((reason, findings) ->
                suppress(policy, "AwsSolutions-IAM5", reason, new ArrayList<>(findings)));
    }

    /** The reason a granted wildcard resource is by design, or null when it has none. */
    static String resourceWildcardReason(List<String> actions, String resource, String tail) {
        if (resource.equals("*")) {
            return actions.stream().allMatch(a -> a.startsWith("xray:") || LOG_DELIVERY_ACTIONS.contains(a))
                    ? XRAY_AND_LOG_DELIVERY_WILDCARD : null;
        }
        if (tail.endsWith("/contact/*") && actions.equals(List.of("connect:DescribeContact"))) {
            return CONTACT_WILDCARD;
        }
        if (tail.endsWith("/" + RecordingLeakageDetectorDefaults.EVIDENCE_KEY_PREFIX + "/*")
                && actions.stream().allMatch(a -> a.startsWith("s3:"))) {
            return EVIDENCE_PREFIX_WILDCARD;
        }
        return null;
    }

    /** AWS's managed VPC access policy, which {@link DetectorFunctions} attaches only when the functions run in a VPC. */
    private static void suppressVpcAccessPolicy(Role role) {
        CfnRole cfnRole = (CfnRole) role.getNode().getDefaultChild();
        Object arns = Stack.of(role).resolve(cfnRole.getManagedPolicyArns());
        if (arns != null && arns.toString().contains(DetectorFunctions.VPC_ACCESS_POLICY)) {
            suppress(role, "AwsSolutions-IAM4", VPC_ACCESS_POLICY_REASON, List.of(
                    Map.of("regex", "/^Policy::.*:iam::aws:policy/" + DetectorFunctions.VPC_ACCESS_POLICY + "$/")));
        }
    }

    /** The statements as the policy renders them, without resolving (and so without freezing) the document. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Policy policy) {
        Object json = policy.getDocument().toJSON();
        if (!(json instanceof Map<?, ?> document) || !(document.get("Statement") instanceof List<?> statements)) {
            return List.of();
        }
        return (List<Map<String, Object>>) statements;
    }

    /** The text after the last token of a resource ARN: {@code /contact/*} of {@code ${Token[...]}/contact/*}. */
    private static String literalTail(Stack stack, String resource) {
        if (!Token.isUnresolved(resource)) {
            return resource;
        }
        Object resolved = stack.resolve(resource);
        if (resolved instanceof Map<?, ?> join && join.get("Fn::Join") instanceof List<?> args
                && args.get(1) instanceof List<?> parts && parts.get(parts.size() - 1) instanceof String tail) {
            return tail;
        }
        return "";
    }

    /** cdk-nag matches applies_to with JavaScript regular expressions, which have no \\Q...\\E quoting. */
    private static String escapeForJavaScriptRegex(String literal) {
        return literal.replaceAll("[\\\\^$.|?*+()\\[\\]{}/]", "\\\\$0");
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return value == null ? List.of() : List.of(value.toString());
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
