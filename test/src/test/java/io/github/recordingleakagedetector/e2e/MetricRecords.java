package io.github.recordingleakagedetector.e2e;

import io.github.recordingleakagedetector.runtime.testing.EmbeddedMetricFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every embedded-metric-format record the functions printed, read as CloudWatch reads them: what a dashboard or an
 * alarm would get (metric, namespace, dimensions, the total of the values) and which lines CloudWatch would drop.
 */
final class MetricRecords implements Consumer<String> {
    private final List<String> alarmed;
    private final List<String> invalid = new CopyOnWriteArrayList<>();
    private final Map<String, Long> totals = new TreeMap<>();
    private long records;

    /** @param alarmed the metrics the template's alarms watch, as {@link #metricKey} names them */
    MetricRecords(List<String> alarmed) {
        this.alarmed = List.copyOf(alarmed);
    }

    /** A metric as an alarm names it: namespace, metric name and dimensions. */
    static String metricKey(String namespace, String metricName, Map<String, String> dimensions) {
        return namespace + " " + metricName + " " + new TreeMap<>(dimensions);
    }

    @Override
    public synchronized void accept(String line) {
        if (!EmbeddedMetricFormat.isMetricLine(line)) {
            return;
        }
        records++;
        try {
            EmbeddedMetricFormat.parse(line).directives().forEach(directive -> directive.values()
                    .forEach((name, value) -> totals.merge(metricKey(directive.namespace(), name,
                            directive.dimensionValues()), value.longValue(), Long::sum)));
        } catch (IllegalArgumentException e) {
            invalid.add(e.getMessage() + ": " + line);
        }
    }

    /** The metrics the template's alarms watch. */
    List<String> alarmed() {
        return alarmed;
    }

    /** An alarmed metric by its name. */
    String alarmed(String metricName) {
        return alarmed.stream().filter(key -> key.split(" ")[1].equals(metricName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No alarm on " + metricName + " in " + alarmed));
    }

    synchronized long records() {
        return records;
    }

    /** Lines that declare themselves metric records but break the specification (CloudWatch drops them). */
    List<String> invalid() {
        return List.copyOf(invalid);
    }

    /** The sum of each metric's values over the run, by {@link #metricKey}. */
    synchronized Map<String, Long> totals() {
        return Map.copyOf(totals);
    }

    synchronized Set<String> metrics() {
        return new TreeSet<>(totals.keySet());
    }
}
