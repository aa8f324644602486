package io.github.recordingleakagedetector.e2e;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Least privilege that is also enough, checked before a deployment can find out: each AWS call a function made in
 * the simulation, and what its calls imply (writing its logs; the KMS key of an encrypted topic it publishes to), is
 * evaluated against the identity policies of that function's role in the synthesized template, as IAM evaluates
 * them: an explicit Deny wins, else an Allow must match the action (wildcards, case-insensitive), the resource
 * (wildcards) and every condition ({@code StringEquals}/{@code StringLike} and their {@code IfExists} forms; a
 * condition this check does not know never matches, so it cannot pass a call by accident).
 */
final class IamSufficiency {

    /** A call no statement of the caller's role allows (or one a statement denies). */
    record Violation(String function, AwsCallRecorder.AwsCall call, String reason, String closestStatement) {
        @Override
        public String toString() {
            return function + ": " + call + " is " + reason + "; closest statement: " + closestStatement;
        }
    }

    private record Statement(boolean allow, List<String> actions, List<String> resources,
            Map<String, Map<String, List<String>>> conditions, Map<String, Object> source) {
    }

    private static final Map<String, Pattern> PATTERNS = new java.util.concurrent.ConcurrentHashMap<>();

    private final SynthesizedDetector detector;
    private final Map<String, List<Statement>> statementsByFunction = new java.util.HashMap<>();

    IamSufficiency(SynthesizedDetector detector) {
        this.detector = detector;
    }

    /** The calls (and what they imply) that the callers' roles do not allow, one entry per distinct call. */
    List<Violation> violations(Collection<AwsCallRecorder.AwsCall> calls) {
        List<Violation> violations = new ArrayList<>();
        List<AwsCallRecorder.AwsCall> all = new ArrayList<>(calls);
        all.addAll(implied(calls));
        all.stream().distinct().sorted(Comparator.comparing(AwsCallRecorder.AwsCall::function)
                        .thenComparing(AwsCallRecorder.AwsCall::action).thenComparing(AwsCallRecorder.AwsCall::resource))
                .forEach(call -> check(call).ifPresent(violations::add));
        return violations;
    }

    /**
     * What Lambda and AWS do with the function's role on its behalf: Lambda writes the function's logs to its log
     * group, and SNS uses the publisher's permissions on the KMS key of an encrypted topic.
     */
    private List<AwsCallRecorder.AwsCall> implied(Collection<AwsCallRecorder.AwsCall> calls) {
        List<AwsCallRecorder.AwsCall> implied = new ArrayList<>();
        calls.stream().map(AwsCallRecorder.AwsCall::function).distinct().forEach(name -> detector
                .logGroupArnOf(detector.functionNamed(name)).ifPresent(logGroup -> {
                    String stream = logGroup + ":log-stream:2026/01/01/[$LATEST]0123456789abcdef";
                    implied.add(new AwsCallRecorder.AwsCall(name, "logs", "CreateLogStream", "logs:CreateLogStream",
                            stream, Map.of()));
                    implied.add(new AwsCallRecorder.AwsCall(name, "logs", "PutLogEvents", "logs:PutLogEvents",
                            stream, Map.of()));
                }));
        calls.stream().filter(call -> call.action().equals("sns:Publish")).forEach(call -> detector
                .topicKeyArn(call.resource()).ifPresent(key -> {
                    implied.add(new AwsCallRecorder.AwsCall(call.function(), "kms", "GenerateDataKey",
                            "kms:GenerateDataKey", key, Map.of()));
                    implied.add(new AwsCallRecorder.AwsCall(call.function(), "kms", "Decrypt", "kms:Decrypt", key,
                            Map.of()));
                }));
        return implied;
    }

    private Optional<Violation> check(AwsCallRecorder.AwsCall call) {
        SynthesizedDetector.DeployedFunction function = detector.functionNamed(call.function());
        List<Statement> statements = statementsByFunction.computeIfAbsent(function.logicalId(),
                id -> detector.policyStatementsOf(function).stream().map(this::statement).toList());
        Optional<Statement> denied = statements.stream().filter(s -> !s.allow() && matches(s, call)).findFirst();
        if (denied.isPresent()) {
            return Optional.of(new Violation(call.function(), call, "explicitly denied", describe(denied.get())));
        }
        if (statements.stream().anyMatch(s -> s.allow() && matches(s, call))) {
            return Optional.empty();
        }
        String closest = statements.stream().filter(s -> s.allow() && actionMatches(s, call)).findFirst()
                .or(() -> statements.stream().filter(s -> s.allow() && s.actions().stream()
                        .anyMatch(a -> a.toLowerCase(Locale.ROOT).startsWith(call.service() + ":"))).findFirst())
                .map(this::describe)
                .orElse("none for " + call.service() + " (managed policies, not evaluated here: "
                        + detector.managedPoliciesOf(function) + ")");
        return Optional.of(new Violation(call.function(), call, "not allowed by its role "
                + function.roleLogicalId(), closest));
    }

    private Statement statement(Map<String, Object> source) {
        List<String> resources = list(source.get("Resource")).stream()
                .map(detector::tryResolve).flatMap(Optional::stream).toList();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> conditions =
                (Map<String, Map<String, Object>>) source.getOrDefault("Condition", Map.of());
        Map<String, Map<String, List<String>>> resolved = new java.util.LinkedHashMap<>();
        conditions.forEach((operator, keys) -> {
            Map<String, List<String>> values = new java.util.LinkedHashMap<>();
            keys.forEach((key, value) -> values.put(key, list(value).stream().map(detector::tryResolve)
                    .flatMap(Optional::stream).toList()));
            resolved.put(operator, values);
        });
        return new Statement("Allow".equals(source.get("Effect")),
                list(source.get("Action")).stream().map(String::valueOf).toList(), resources, resolved, source);
    }

    private static boolean matches(Statement statement, AwsCallRecorder.AwsCall call) {
        return actionMatches(statement, call)
                && statement.resources().stream().anyMatch(resource -> glob(resource, call.resource(), false))
                && conditionsHold(statement.conditions(), call.conditionKeys());
    }

    private static boolean actionMatches(Statement statement, AwsCallRecorder.AwsCall call) {
        return statement.actions().stream().anyMatch(action -> glob(action, call.action(), true));
    }

    private static boolean conditionsHold(Map<String, Map<String, List<String>>> conditions, Map<String, String> keys) {
        for (Map.Entry<String, Map<String, List<String>>> condition : conditions.entrySet()) {
            String operator = condition.getKey();
            boolean ifExists = operator.endsWith("IfExists");
            String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
            for (Map.Entry<String, List<String>> key : condition.getValue().entrySet()) {
                String value = keys.get(key.getKey());
                if (value == null) {
                    if (ifExists) {
                        continue;
                    }
                    return false;
                }
                boolean holds = switch (base) {
                    case "StringEquals" -> key.getValue().contains(value);
                    case "StringLike" -> key.getValue().stream().anyMatch(pattern -> glob(pattern, value, false));
                    default -> false;
                };
                if (!holds) {
                    return false;
                }
            }
        }
        return true;
    }

    /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character. */
    static boolean glob(String pattern, String value, boolean ignoreCase) {
        return PATTERNS.computeIfAbsent((ignoreCase ? "i:" : "s:") + pattern, key -> {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(switch (c) {
                    case '*' -> ".*";
                    case '?' -> ".";
                    default -> Pattern.quote(String.valueOf(c));
                });
            }
            return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        }).matcher(value).matches();
    }

    private String describe(Statement statement) {
        return statement.source().toString();
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
    }
}
