package io.github.recordingleakagedetector.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The sample app's template as {@code cdk synth} writes it, read the way the cloud would: the state machine
 * definition with its function references resolved, and each function's handler class, environment and timeout.
 * References to the table and topic resolve to the names the simulation gives them locally.
 */
final class SynthesizedDetector {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    /**
     * A function of the template, by logical id: its handler string, environment, timeout and memory, the log level
     * Lambda would give it, and its code as the cloud assembly stages it for upload (the deployed artifact).
     */
    record DeployedFunction(String logicalId, String handler, Map<String, String> environment, int timeoutSeconds,
            int memorySize, String applicationLogLevel, Path code, String roleLogicalId, String logGroupLogicalId) {
        String handlerClass() {
            return handler.substring(0, handler.indexOf("::"));
        }

        String arn() {
            return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
        }
    }

    private final Map<String, Object> resources;
    private final Path assembly;
    private final Map<String, DeployedFunction> functions = new LinkedHashMap<>();
    private final String definition;
    private final String tableName;
    private final String topicArn;
    private final String reportTopicArn;

    private SynthesizedDetector(Map<String, Object> template, Path assembly, String tableName) {
        this.resources = map(template.get("Resources"));
        this.assembly = assembly;
        this.tableName = tableName;
        this.topicArn = topicArnOf(logicalIdOfType("AWS::SNS::Topic", "DetectorAlertTopic"));
        this.reportTopicArn = topicArnOf(logicalIdOfType("AWS::SNS::Topic", "DetectorReportTopic"));
        resources.forEach((logicalId, resource) -> {
            if ("AWS::Lambda::Function".equals(map(resource).get("Type"))) {
                functions.put(logicalId, function(logicalId, map(map(resource).get("Properties"))));
            }
        });
        this.definition = resolve(map(map(resources.get(logicalIdOfType("AWS::StepFunctions::StateMachine")))
                .get("Properties")).get("DefinitionString"));
    }

    /** Synthesizes the sample app with {@code cdk synth -c ...} context values. */
    static SynthesizedDetector synthesize(Map<String, String> context, String tableName) {
        App app = CdkTestApps.newApp(context);
        RecordingLeakageDetectorSampleStack stack = RecordingLeakageDetectorSampleStack.create(app,
                StackProps.builder().build());
        CloudAssembly assembly = app.synth();
        Map<String, Object> template = new ObjectMapper().convertValue(
                assembly.getStackByName(stack.getStackName()).getTemplate(), new TypeReference<Map<String, Object>>() { });
        return new SynthesizedDetector(template, Path.of(assembly.getDirectory()), tableName);
    }

    /** The state machine definition (ASL JSON) with each Task's Resource an alias ARN. */
    String stateMachineDefinition() {
        return definition;
    }

    Map<String, DeployedFunction> functions() {
        return functions;
    }

    /** The function behind a Lambda ARN or name: a function, version or alias logical id, with or without qualifier. */
    DeployedFunction functionNamed(String nameOrArn) {
        String name = nameOrArn.startsWith("arn:") ? nameOrArn.split(":")[6] : nameOrArn.split(":")[0];
        DeployedFunction function = functions.get(functionOf(name));
        if (function == null) {
            throw new IllegalArgumentException("No function " + nameOrArn + " in the template");
        }
        return function;
    }

    /** The function the flow-log subscription filter delivers to. */
    DeployedFunction subscriptionTarget() {
        Object destination = map(map(resources.get(logicalIdOfType("AWS::Logs::SubscriptionFilter")))
                .get("Properties")).get("DestinationArn");
        return functions.get(functionOf(String.valueOf(map(destination).get("Ref"))));
    }

    /** The alert topic's ARN. */
    String topicArn() {
        return topicArn;
    }

    /** The report topic's ARN (the daily evidence summary). */
    String reportTopicArn() {
        return reportTopicArn;
    }

    /** The evidence bucket's name, as the simulation creates it locally. */
    String evidenceBucketName() {
        return bucketNameOf(logicalIdOfType("AWS::S3::Bucket", "DetectorEvidenceBucket"));
    }

    private static String topicArnOf(String logicalId) {
        return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + logicalId;
    }

    private static String bucketNameOf(String logicalId) {
        return logicalId.toLowerCase(java.util.Locale.ROOT);
    }

    /** The contact table's CloudFormation properties (keys, indexes, billing). */
    Map<String, Object> tableProperties() {
        return map(map(resources.get(logicalIdOfType("AWS::DynamoDB::Table"))).get("Properties"));
    }

    private DeployedFunction function(String logicalId, Map<String, Object> properties) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object variables = map(properties.getOrDefault("Environment", Map.of())).get("Variables");
        if (variables != null) {
            map(variables).forEach((name, value) -> environment.put(name, resolve(value)));
        }
        Map<String, Object> logging = map(properties.getOrDefault("LoggingConfig", Map.of()));
        Object logGroup = logging.get("LogGroup");
        return new DeployedFunction(logicalId, String.valueOf(properties.get("Handler")), environment,
                ((Number) properties.get("Timeout")).intValue(), ((Number) properties.get("MemorySize")).intValue(),
                String.valueOf(logging.getOrDefault("ApplicationLogLevel", "")), stagedCode(properties),
                String.valueOf(((List<?>) map(properties.get("Role")).get("Fn::GetAtt")).get(0)),
                logGroup == null ? null : String.valueOf(map(logGroup).get("Ref")));
    }

    /** The file the cloud assembly stages for the function's code: {@code asset.<S3Key>}. */
    private Path stagedCode(Map<String, Object> properties) {
        Path staged = assembly.resolve("asset." + map(properties.get("Code")).get("S3Key"));
        if (!Files.isRegularFile(staged)) {
            throw new IllegalStateException("The cloud assembly holds no " + staged.getFileName());
        }
        return staged;
    }

    /** Follows an alias or version to the function it belongs to. */
    private String functionOf(String logicalId) {
        Map<String, Object> resource = map(resources.get(logicalId));
        if (resource == null) {
            throw new IllegalArgumentException("No resource " + logicalId + " in the template");
        }
        String type = String.valueOf(resource.get("Type"));
        if ("AWS::Lambda::Function".equals(type)) {
            return logicalId;
        }
        Object functionName = map(resource.get("Properties")).get("FunctionName");
        return functionOf(String.valueOf(map(functionName).get("Ref")));
    }

    private String resolve(Object value) {
        if (value instanceof String text) {
            return text;
        }
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Fn::Join")) {
            List<?> join = (List<?>) intrinsic.get("Fn::Join");
            StringBuilder joined = new StringBuilder();
            List<?> parts = (List<?>) join.get(1);
            for (int i = 0; i < parts.size(); i++) {
                joined.append(i == 0 ? "" : join.get(0)).append(resolve(parts.get(i)));
            }
            return joined.toString();
        }
        if (intrinsic.containsKey("Ref")) {
            return resolveRef(String.valueOf(intrinsic.get("Ref")));
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            List<?> reference = (List<?>) intrinsic.get("Fn::GetAtt");
            return resolveArn(String.valueOf(reference.get(0)), String.valueOf(reference.get(1)));
        }
        throw new IllegalArgumentException("Cannot resolve " + value + " locally");
    }

    /** The ARN a resource of the template would have, named as the simulation names it locally. */
    private String resolveArn(String logicalId, String attribute) {
        Map<String, Object> resource = map(resources.get(logicalId));
        String type = resource == null ? "" : String.valueOf(resource.get("Type"));
        if (!attribute.equals("Arn") && !attribute.equals("TopicArn")) {
            throw new IllegalArgumentException("Cannot resolve Fn::GetAtt " + logicalId + "." + attribute);
        }
        String regional = REGION + ":" + ACCOUNT + ":";
        return switch (type) {
            case "AWS::DynamoDB::Table" -> "arn:aws:dynamodb:" + regional + "table/" + tableName;
            case "AWS::SNS::Topic" -> topicArnOf(logicalId);
            case "AWS::S3::Bucket" -> "arn:aws:s3:::" + bucketNameOf(logicalId);
            case "AWS::KMS::Key" -> "arn:aws:kms:" + regional + "key/" + logicalId;
            case "AWS::SQS::Queue" -> "arn:aws:sqs:" + regional + logicalId;
            // Like CloudFormation's Arn of a log group: it ends with ":*", which covers its log streams.
            case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + regional + "log-group:" + logicalId + ":*";
            case "AWS::Lambda::Function" -> lambdaArn(logicalId);
            case "AWS::IAM::Role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + logicalId;
            case "AWS::StepFunctions::StateMachine" -> "arn:aws:states:" + regional + "stateMachine:" + logicalId;
            default -> throw new IllegalArgumentException("Cannot resolve Fn::GetAtt " + logicalId + ".Arn of " + type);
        };
    }

    /** Resolves a value of the template as the cloud would, or empty when it cannot be resolved locally. */
    Optional<String> tryResolve(Object value) {
        try {
            return Optional.of(resolve(value));
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.empty();
        }
    }

    /** The identity-policy statements of a function's role: its attached policies and its inline ones. */
    List<Map<String, Object>> policyStatementsOf(DeployedFunction function) {
        List<Map<String, Object>> documents = new ArrayList<>();
        resources.values().stream().map(SynthesizedDetector::map)
                .filter(resource -> "AWS::IAM::Policy".equals(resource.get("Type")))
                .map(resource -> map(resource.get("Properties")))
                .filter(policy -> ((List<?>) policy.getOrDefault("Roles", List.of())).stream()
                        .anyMatch(role -> function.roleLogicalId().equals(map(role).get("Ref"))))
                .forEach(policy -> documents.add(map(policy.get("PolicyDocument"))));
        Map<String, Object> role = map(map(resources.get(function.roleLogicalId())).get("Properties"));
        ((List<?>) role.getOrDefault("Policies", List.of()))
                .forEach(policy -> documents.add(map(map(policy).get("PolicyDocument"))));
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> document : documents) {
            Object statement = document.get("Statement");
            if (statement instanceof List<?> list) {
                list.forEach(element -> statements.add(map(element)));
            } else {
                statements.add(map(statement));
            }
        }
        return statements;
    }

    /** Managed policies attached to the function's role (not evaluated locally: their documents are AWS's). */
    List<Object> managedPoliciesOf(DeployedFunction function) {
        return List.copyOf((List<?>) map(map(resources.get(function.roleLogicalId())).get("Properties"))
                .getOrDefault("ManagedPolicyArns", List.of()));
    }

    /** The alarms on the detector's own metrics (not on AWS/ namespaces), as {@link MetricRecords#metricKey} names them. */
    List<String> alarmedCustomMetrics() {
        return resources.values().stream().map(SynthesizedDetector::map)
                .filter(resource -> "AWS::CloudWatch::Alarm".equals(resource.get("Type")))
                .map(resource -> map(resource.get("Properties")))
                .filter(alarm -> alarm.get("Namespace") instanceof String namespace && !namespace.startsWith("AWS/"))
                .map(alarm -> {
                    Map<String, String> dimensions = new LinkedHashMap<>();
                    ((List<?>) alarm.getOrDefault("Dimensions", List.of())).forEach(dimension -> dimensions.put(
                            String.valueOf(map(dimension).get("Name")), resolve(map(dimension).get("Value"))));
                    return MetricRecords.metricKey(String.valueOf(alarm.get("Namespace")),
                            String.valueOf(alarm.get("MetricName")), dimensions);
                })
                .sorted()
                .toList();
    }

    /**
     * The ARN of the customer managed KMS key that encrypts the template's topic with {@code topicArn}, if it has
     * one. The AWS managed SNS key ({@code alias/aws/sns}) does not count: its key policy lets the account's principals
     * use it through SNS, so publishing needs no identity-policy grant on it.
     */
    Optional<String> topicKeyArn(String topicArn) {
        String logicalId = topicArn.substring(topicArn.lastIndexOf(':') + 1);
        Map<String, Object> topic = map(resources.get(logicalId));
        if (topic == null || !"AWS::SNS::Topic".equals(topic.get("Type"))) {
            return Optional.empty();
        }
        Object key = map(topic.get("Properties")).get("KmsMasterKeyId");
        return key == null ? Optional.empty() : tryResolve(key).filter(arn -> !arn.endsWith(":alias/aws/sns"));
    }

    /** The ARN of the function's log group (without CloudFormation's trailing {@code :*}). */
    Optional<String> logGroupArnOf(DeployedFunction function) {
        return function.logGroupLogicalId() == null
                ? Optional.empty()
                : Optional.of(resolveArn(function.logGroupLogicalId(), "Arn").replaceFirst(":\\*$", ""));
    }

    private String resolveRef(String logicalId) {
        Map<String, Object> resource = map(resources.get(logicalId));
        if (resource == null) {
            return switch (logicalId) {
                case "AWS::Region" -> REGION;
                case "AWS::AccountId" -> ACCOUNT;
                case "AWS::Partition" -> "aws";
                default -> throw new IllegalArgumentException("Cannot resolve Ref " + logicalId);
            };
        }
        Map<String, Function<String, String>> byType = Map.of(
                "AWS::DynamoDB::Table", id -> tableName,
                "AWS::SNS::Topic", SynthesizedDetector::topicArnOf,
                "AWS::S3::Bucket", SynthesizedDetector::bucketNameOf,
                "AWS::Lambda::Alias", id -> lambdaArn(id) + ":live",
                "AWS::Lambda::Function", this::lambdaArn);
        Function<String, String> resolver = byType.get(String.valueOf(resource.get("Type")));
        if (resolver == null) {
            throw new IllegalArgumentException("Cannot resolve Ref to " + resource.get("Type"));
        }
        return resolver.apply(logicalId);
    }

    private String lambdaArn(String logicalId) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + logicalId;
    }

    private String logicalIdOfType(String type) {
        return logicalIdOfType(type, "");
    }

    /** The one resource of {@code type} whose logical id starts with {@code prefix}. */
    private String logicalIdOfType(String type, String prefix) {
        List<String> ids = resources.entrySet().stream()
                .filter(e -> type.equals(map(e.getValue()).get("Type")) && e.getKey().startsWith(prefix))
                .map(Map.Entry::getKey)
                .toList();
        if (ids.size() != 1) {
            throw new IllegalStateException("Expected one " + type + " in the template, found " + ids);
        }
        return ids.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
