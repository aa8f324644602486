package io.github.recordingleakagedetector.runtime.testing;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a log line as CloudWatch Logs reads an embedded-metric-format document, and refuses it the way CloudWatch
 * would silently drop it: the rules of the published specification (root node, metadata object, metric directives,
 * target members). An alarm on a metric whose line breaks one of them never sees a data point.
 */
public final class EmbeddedMetricFormat {
    /** The units CloudWatch accepts for {@code MetricDefinition.Unit}. */
    private static final Set<String> UNITS = Set.of("Seconds", "Microseconds", "Milliseconds", "Bytes", "Kilobytes",
            "Megabytes", "Gigabytes", "Terabytes", "Bits", "Kilobits", "Megabits", "Gigabits", "Terabits", "Percent",
            "Count", "Bytes/Second", "Kilobytes/Second", "Megabytes/Second", "Gigabytes/Second", "Terabytes/Second",
            "Bits/Second", "Kilobits/Second", "Megabits/Second", "Gigabits/Second", "Terabits/Second",
            "Count/Second", "None");

    /** One metric directive with the values its target members hold. */
    public record Directive(String namespace, List<List<String>> dimensionSets, Map<String, String> dimensionValues,
            Map<String, Number> values, Map<String, String> units) {
    }

    /** A valid document: its timestamp and directives. */
    public record Document(long timestamp, List<Directive> directives) {
    }

    private EmbeddedMetricFormat() {
    }

    /** Whether the line declares itself an embedded-metric-format document (CloudWatch looks for {@code _aws}). */
    public static boolean isMetricLine(String line) {
        return line.startsWith("{") && line.contains("\"_aws\"");
    }

    /** Parses and validates; throws {@link IllegalArgumentException} naming the first rule the line breaks. */
    @SuppressWarnings("unchecked")
    public static Document parse(String line) {
        Object parsed;
        try {
            parsed = JSON.std.anyFrom(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + line, e);
        }
        Map<String, Object> root = require(parsed instanceof Map, parsed, "the root node must be a JSON object");
        Map<String, Object> metadata = require(root.get("_aws") instanceof Map, root.get("_aws"),
                "_aws must be an object");
        Object timestamp = metadata.get("Timestamp");
        require(timestamp instanceof Number, timestamp, "_aws.Timestamp must be a number (epoch milliseconds)");
        List<Object> directives = require(metadata.get("CloudWatchMetrics") instanceof List, metadata.get("CloudWatchMetrics"),
                "_aws.CloudWatchMetrics must be an array");
        List<Directive> read = new ArrayList<>();
        for (Object element : directives) {
            Map<String, Object> directive = require(element instanceof Map, element, "a MetricDirective must be an object");
            read.add(directive(root, directive));
        }
        return new Document(((Number) timestamp).longValue(), read);
    }

    @SuppressWarnings("unchecked")
    private static Directive directive(Map<String, Object> root, Map<String, Object> directive) {
        Object namespace = directive.get("Namespace");
        require(namespace instanceof String text && !text.isEmpty() && text.length() <= 255, namespace,
                "Namespace must be a string of 1 to 255 characters");
        List<Object> dimensionSets = require(directive.get("Dimensions") instanceof List, directive.get("Dimensions"),
                "Dimensions must be an array of DimensionSets");
        List<List<String>> sets = new ArrayList<>();
        Map<String, String> dimensionValues = new LinkedHashMap<>();
        for (Object set : dimensionSets) {
            List<Object> names = require(set instanceof List, set, "a DimensionSet must be an array of strings");
            require(names.size() <= 30, names, "a DimensionSet holds at most 30 dimensions");
            List<String> dimensions = new ArrayList<>();
            for (Object name : names) {
                require(name instanceof String, name, "a dimension reference must be a string");
                Object value = root.get(name);
                require(value instanceof String text && !text.isEmpty() && text.length() <= 1024, value,
                        "the target member of dimension " + name + " must be a string of 1 to 1024 characters");
                dimensions.add((String) name);
                dimensionValues.put((String) name, (String) value);
            }
            sets.add(dimensions);
        }
        List<Object> metrics = require(directive.get("Metrics") instanceof List, directive.get("Metrics"),
                "Metrics must be an array of MetricDefinitions");
        require(metrics.size() <= 100, metrics, "a MetricDirective holds at most 100 metrics");
        Map<String, Number> values = new LinkedHashMap<>();
        Map<String, String> units = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (Object element : metrics) {
            Map<String, Object> definition = require(element instanceof Map, element,
                    "a MetricDefinition must be an object");
            Object name = definition.get("Name");
            require(name instanceof String text && !text.isEmpty() && text.length() <= 255, name,
                    "MetricDefinition.Name must be a string of 1 to 255 characters");
            require(names.add((String) name), name, "a metric is defined twice in one directive");
            Object unit = definition.get("Unit");
            require(unit == null || unit instanceof String text && UNITS.contains(text), unit,
                    "MetricDefinition.Unit must be a CloudWatch unit");
            Object resolution = definition.get("StorageResolution");
            require(resolution == null || resolution instanceof Number number
                    && (number.intValue() == 1 || number.intValue() == 60), resolution,
                    "StorageResolution must be 1 or 60");
            Object value = root.get(name);
            require(value instanceof Number, value, "the target member of metric " + name + " must be a number");
            values.put((String) name, (Number) value);
            units.put((String) name, unit == null ? "None" : (String) unit);
        }
        return new Directive((String) namespace, sets, dimensionValues, values, units);
    }

    @SuppressWarnings("unchecked")
    private static <T> T require(boolean holds, Object value, String rule) {
        if (!holds) {
            throw new IllegalArgumentException(rule + " (found: " + value + ")");
        }
        return (T) value;
    }
}
