package io.github.recordingleakagedetector.runtime.handler;

import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.INSTANCE_ID;
import static io.github.recordingleakagedetector.runtime.support.FlowLogDeliveries.delivery;
import static io.github.recordingleakagedetector.runtime.support.HandlerTestBed.connect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import io.github.recordingleakagedetector.runtime.log.JsonLog;
import io.github.recordingleakagedetector.runtime.log.LogLevel;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import io.github.recordingleakagedetector.runtime.support.FakeLambdaContext;
import io.github.recordingleakagedetector.runtime.support.HandlerTestBed;
import io.github.recordingleakagedetector.runtime.testing.EmbeddedMetricFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the handlers print besides their work: embedded-metric-format records and structured log lines. */
@ExtendWith(HandlerTestBed.LocalServers.class)
class HandlerTelemetryTest {
    private static final Instant T0 = Instant.parse("2024-05-01T09:00:00Z");
    private final HandlerTestBed bed = new HandlerTestBed();

    @BeforeEach
    void reset() {
        bed.reset(T0).with("METRICS_NAMESPACE", "Compliance/Recordings").with("DETECTOR_NAME", "centre-eu");
    }

    private static List<String> lines(String output) {
        return Arrays.stream(output.split("\n")).filter(line -> line.startsWith("{")).toList();
    }

    private static Map<String, Object> json(String line) {
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One leak through every step, and a malformed event: every handler has something to count. */
    private String runALeakThroughEveryStep() {
        return HandlerTestBed.logsOf(() -> {
            connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0).connectedToAgentAt(T0.plusSeconds(5), "agent")
                    .disconnectedAt(T0.plusSeconds(60));
            bed.ingest(delivery().enable("c-1", "Both", T0).rawMessage("{not json", T0));
            bed.clock().set(T0.plusSeconds(60).plus(Duration.ofMinutes(31)));
            bed.runWorkflow();
            bed.clock().advance(Duration.ofMinutes(5));
            bed.runWorkflow();
        });
    }

    @Test
    void everyMetricLineIsAValidEmbeddedMetricDocumentInTheConfiguredNamespaceAndDimension() {
        // WHEN every handler runs (the clock stands still within each run)
        String output = runALeakThroughEveryStep();

        // THEN every record they print follows the specification, in the namespace and dimension the alarms use,
        // stamped with the handlers' clock, and the counts add up to what happened
        List<EmbeddedMetricFormat.Document> documents = lines(output).stream()
                .filter(EmbeddedMetricFormat::isMetricLine).map(EmbeddedMetricFormat::parse).toList();
        // ingest once, then per workflow run both polls, the purge and the check
        assertThat(documents).hasSize(9);
        Map<String, Long> totals = new HashMap<>();
        for (EmbeddedMetricFormat.Document document : documents) {
            assertThat(document.timestamp()).isIn(T0.toEpochMilli(),
                    T0.plusSeconds(60).plus(Duration.ofMinutes(31)).toEpochMilli(),
                    T0.plusSeconds(60).plus(Duration.ofMinutes(36)).toEpochMilli());
            assertThat(document.directives()).singleElement().satisfies(directive -> {
                assertThat(directive.namespace()).isEqualTo("Compliance/Recordings");
                assertThat(directive.dimensionSets()).containsExactly(List.of(MetricName.DETECTOR_DIMENSION));
                assertThat(directive.dimensionValues()).containsExactly(Map.entry("Detector", "centre-eu"));
                assertThat(directive.units().values()).containsOnly("Count");
                directive.values().forEach((name, value) -> totals.merge(name, value.longValue(), Long::sum));
            });
        }
        assertThat(totals).containsEntry("RecordingsMissing", 1L).containsEntry("RecordingsVerified", 0L)
                .containsEntry("MalformedLogEvents", 1L).containsEntry("ContactsUnverifiable", 0L)
                .containsEntry("FlowLogEventsIngested", 1L).containsEntry("ContactsNotApplicable", 0L)
                .containsEntry("ContactsNotRecordedIntentionally", 0L).containsEntry("DescribeContactThrottled", 0L);
        assertThat(totals.get("DescribeContactCalls")).isPositive();
        assertThat(totals.keySet()).allMatch(name -> Arrays.stream(MetricName.values()).anyMatch(m -> m.name().equals(name)));
    }

    @Test
    void everyLineOfAnInvocationCarriesItsRequestIdTheFunctionAndWhetherItWasAColdStart() {
        // GIVEN contacts for the poll's workers
        connect().contact(INSTANCE_ID, "c-1").initiatedAt(T0);
        connect().contact(INSTANCE_ID, "c-2").initiatedAt(T0);
        bed.ingest(delivery().enable("c-1", "Both", T0).enable("c-2", "Both", T0));
        PollInitialisedHandler handler = bed.pollInitialisedHandler();

        // WHEN one handler instance is invoked twice
        String first = HandlerTestBed.logsOf(() -> handler.handleRequest(Map.of(), FakeLambdaContext.forRequest("req-1")));
        bed.clock().advance(Duration.ofMinutes(5));
        String second = HandlerTestBed.logsOf(() -> handler.handleRequest(Map.of(), FakeLambdaContext.forRequest("req-2")));

        // THEN every line, the workers' ones included, names its invocation; only the first was a cold start
        assertThat(lines(first)).extracting(HandlerTelemetryTest::json).allSatisfy(line -> assertThat(line)
                .containsEntry("requestId", "req-1").containsEntry("functionName", "test").containsEntry("coldStart", true));
        assertThat(lines(first)).anyMatch(line -> line.contains("\"event\":\"contact.moved\""));
        assertThat(lines(second)).isNotEmpty().extracting(HandlerTelemetryTest::json).allSatisfy(line -> assertThat(line)
                .containsEntry("requestId", "req-2").containsEntry("coldStart", false));
    }

    @Test
    void theLogLevelComesFromLambdasAdvancedLoggingControlsAndNeverHidesMetrics() {
        // GIVEN a function whose log level Lambda sets to WARN
        bed.with("AWS_LAMBDA_LOG_LEVEL", "WARN");

        // WHEN a leak is found (a WARN line) among routine INFO events
        String output = runALeakThroughEveryStep();

        // THEN no INFO line is written, warnings and metric records are
        List<Map<String, Object>> logged = lines(output).stream().map(HandlerTelemetryTest::json).toList();
        assertThat(logged).noneMatch(line -> "INFO".equals(line.get("level")));
        assertThat(logged).anyMatch(line -> "recording.missing".equals(line.get("event")));
        assertThat(lines(output)).anyMatch(EmbeddedMetricFormat::isMetricLine);
    }

    @AfterEach
    void restoreTheDefaultLevel() {
        // The level is the process's, as in Lambda, where one process serves one function.
        JsonLog.threshold(LogLevel.INFO);
    }
}
