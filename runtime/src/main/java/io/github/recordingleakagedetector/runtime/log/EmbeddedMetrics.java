package io.github.recordingleakagedetector.runtime.log;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Emits counts as one CloudWatch embedded-metric-format log line: CloudWatch turns it into metrics without a
 * PutMetricData call, so the functions need no CloudWatch permission and add no latency. The timestamp comes from
 * the handler's clock, like every other time the handler decides on.
 */
public final class EmbeddedMetrics {
    private final String namespace;
    private final String detector;
    private final Clock clock;

    public EmbeddedMetrics(String namespace, String detector, Clock clock) {
        this.namespace = namespace;
        this.detector = detector;
        this.clock = clock;
    }

    /** Writes the counts (zeros included, so alarms see data points rather than missing data). */
    public void emit(Map<MetricName, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<Map<String, String>> definitions = counts.keySet().stream()
                .map(name -> Map.of("Name", name.name(), "Unit", "Count"))
                .toList();
        Map<String, Object> directive = Map.of(
                "Namespace", namespace,
                "Dimensions", List.of(List.of(MetricName.DETECTOR_DIMENSION)),
                "Metrics", definitions);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("_aws", Map.of("Timestamp", clock.millis(), "CloudWatchMetrics", List.of(directive)));
        line.put(MetricName.DETECTOR_DIMENSION, detector);
        counts.forEach((name, count) -> line.put(name.name(), count));
        JsonLog.print(line);
    }
}
