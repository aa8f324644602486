package io.github.recordingleakagedetector.construct.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awscdk.assertions.Template;

/** Reads synthesized templates as JSON trees, including the JSON that CloudFormation strings embed. */
public final class Templates {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Templates() {
    }

    /** The whole template. */
    public static JsonNode json(Template template) {
        return JSON.valueToTree(template.toJSON());
    }

    /** Logical id to resource, for every resource of one type, in template order. */
    public static Map<String, JsonNode> resourcesOfType(Template template, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        json(template).path("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                found.put(entry.getKey(), entry.getValue());
            }
        });
        return found;
    }

    /** The one resource of a type; fails when there is not exactly one. */
    public static JsonNode onlyResourceOfType(Template template, String type) {
        Map<String, JsonNode> resources = resourcesOfType(template, type);
        if (resources.size() != 1) {
            throw new AssertionError("Expected one " + type + ", found " + resources.keySet());
        }
        return resources.values().iterator().next();
    }

    /**
     * The state machine's definition (its {@code DefinitionString}, an {@code Fn::Join} of text and references)
     * parsed as JSON; each {@code {"Ref": "Id"}} becomes the text {@code ${Id}} and each
     * {@code {"Fn::GetAtt": ["Id", "Attr"]}} becomes {@code ${Id.Attr}}, logical ids without their hash suffix.
     */
    public static JsonNode stateMachineDefinition(JsonNode stateMachine) {
        return parseJoined(stateMachine.path("Properties").path("DefinitionString"));
    }

    /** Parses a string property that may be a plain string or an {@code Fn::Join} with references. */
    public static JsonNode parseJoined(JsonNode value) {
        String text;
        if (value.isTextual()) {
            text = value.asText();
        } else {
            JsonNode parts = value.path("Fn::Join").path(1);
            StringBuilder joined = new StringBuilder();
            parts.forEach(part -> joined.append(part.isTextual() ? part.asText() : stripHashes(placeholder(part))));
            text = joined.toString();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }

    /** {@code ${Id}} for a Ref, {@code ${Id.Attr}} for a GetAtt: how references appear in a parsed definition. */
    public static String placeholder(JsonNode reference) {
        if (reference.has("Ref")) {
            return "${" + reference.get("Ref").asText() + "}";
        }
        if (reference.has("Fn::GetAtt")) {
            return "${" + reference.get("Fn::GetAtt").get(0).asText() + "." + reference.get("Fn::GetAtt").get(1).asText() + "}";
        }
        throw new AssertionError("Unsupported intrinsic in a joined string: " + reference);
    }

    /** Every IAM statement of the policies attached to a role (by the role's logical id). */
    public static List<JsonNode> statementsOfRole(Template template, String roleLogicalId) {
        List<JsonNode> statements = new ArrayList<>();
        resourcesOfType(template, "AWS::IAM::Policy").values().forEach(policy -> {
            boolean attached = false;
            for (JsonNode role : policy.path("Properties").path("Roles")) {
                attached |= roleLogicalId.equals(role.path("Ref").asText());
            }
            if (attached) {
                policy.path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add);
            }
        });
        return statements;
    }

    /**
     * What a role may do, one line per action and resource, sorted: {@code "dynamodb:Query ${Table.Arn}/index/x"},
     * with a JSON condition appended when there is one. Logical ids lose their 8-hex hash suffix
     * ({@code ${DetectorContactTable.Arn}}), so expectations read like the construct tree.
     */
    public static List<String> permissionsOfRole(Template template, String roleLogicalId) {
        List<String> permissions = new ArrayList<>();
        for (JsonNode statement : statementsOfRole(template, roleLogicalId)) {
            String condition = statement.has("Condition") ? " if " + stripHashes(statement.get("Condition").toString()) : "";
            String effect = "Allow".equals(statement.path("Effect").asText()) ? "" : statement.path("Effect").asText() + " ";
            for (JsonNode action : asArray(statement.path("Action"))) {
                for (JsonNode resource : asArray(statement.path("Resource"))) {
                    permissions.add(effect + action.asText() + " " + resourceText(resource) + condition);
                }
            }
        }
        permissions.sort(String::compareTo);
        return permissions;
    }

    /**
     * Each statement of the one policy of the queue {@code queueIdWithoutHash}, as
     * {@code Effect actions resource by principal if condition}.
     */
    public static List<String> queuePolicyStatements(Template template, String queueIdWithoutHash) {
        String queueId = logicalId(template, "AWS::SQS::Queue", queueIdWithoutHash);
        List<JsonNode> policies = resourcesOfType(template, "AWS::SQS::QueuePolicy").values().stream()
                .filter(policy -> policy.path("Properties").path("Queues").toString()
                        .equals("[{\"Ref\":\"" + queueId + "\"}]"))
                .toList();
        if (policies.size() != 1) {
            throw new AssertionError(queueIdWithoutHash + " has " + policies.size() + " queue policies, not one");
        }
        List<String> statements = new ArrayList<>();
        policies.get(0).path("Properties").path("PolicyDocument").path("Statement").forEach(statement -> {
            List<String> actions = new ArrayList<>();
            if (statement.path("Action").isArray()) {
                statement.path("Action").forEach(action -> actions.add(action.asText()));
            } else {
                actions.add(statement.path("Action").asText());
            }
            statements.add(statement.path("Effect").asText() + " " + String.join(",", actions) + " "
                    + resourceText(statement.path("Resource")) + " by " + statement.path("Principal")
                    + " if " + statement.path("Condition"));
        });
        return statements;
    }

    /** The logical id of the one resource of a type whose id, without its hash suffix, is {@code idWithoutHash}. */
    public static String logicalId(Template template, String type, String idWithoutHash) {
        List<String> matching = resourcesOfType(template, type).keySet().stream()
                .filter(id -> stripHash(id).equals(idWithoutHash))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError("Expected one " + type + " " + idWithoutHash + ", found " + matching
                    + " among " + resourcesOfType(template, type).keySet());
        }
        return matching.get(0);
    }

    /** A resource value as text: literal, {@code ${Id}}, {@code ${Id.Attr}}, or a joined mix; hashes stripped. */
    public static String resourceText(JsonNode resource) {
        if (resource.isTextual()) {
            return resource.asText();
        }
        if (resource.has("Fn::Join")) {
            StringBuilder joined = new StringBuilder();
            resource.get("Fn::Join").get(1).forEach(part -> joined.append(resourceText(part)));
            return joined.toString();
        }
        if (resource.has("Fn::ImportValue")) {
            return "${Import:" + text(resource.get("Fn::ImportValue")) + "}";
        }
        if (resource.has("Fn::GetStackOutput")) {
            // A weak cross-stack reference (feature flag @aws-cdk/core:defaultCrossStackReferences = weak).
            JsonNode output = resource.get("Fn::GetStackOutput");
            return "${StackOutput:" + text(output.path("StackName")) + "." + output.path("OutputName").asText() + "}";
        }
        return stripHashes(placeholder(resource));
    }

    /** {@code DetectorContactTableEAEF4F72} becomes {@code DetectorContactTable}. */
    public static String stripHash(String logicalId) {
        return logicalId.replaceAll("[0-9A-F]{8}$", "");
    }

    private static String stripHashes(String text) {
        return text.replaceAll("([A-Za-z0-9]+?)[0-9A-F]{8}\\b", "$1");
    }

    private static List<JsonNode> asArray(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else {
            items.add(node);
        }
        return items;
    }

    /** Text of a JSON value as it would be compared: strings verbatim, anything else as compact JSON. */
    public static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
