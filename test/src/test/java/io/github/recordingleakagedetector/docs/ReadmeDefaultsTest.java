package io.github.recordingleakagedetector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorDefaults;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorProps;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.testing.RepoRoot;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;

/**
 * The README's props and environment tables say what the code does: every prop and every variable is listed, nothing
 * else is, and each default shown is the construct's constant in {@link RecordingLeakageDetectorDefaults} (the only
 * place defaults live).
 */
class ReadmeDefaultsTest {

    private static Map<String, String> props;
    private static Map<String, String> variables;

    @BeforeAll
    static void readTables() throws IOException {
        String readme = Files.readString(RepoRoot.find().resolve("README.md"));
        props = firstColumnTable(section(readme, "### Props"));
        variables = firstColumnTable(section(readme, "### Environment variables"));
    }

    @Test
    void thePropsTableListsExactlyTheProps() {
        assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(
                        RecordingLeakageDetectorProps.Builder.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && m.getReturnType()
                        == RecordingLeakageDetectorProps.Builder.class)
                .map(Method::getName).toList());
    }

    @Test
    void eachDefaultShownIsTheConstructsConstant() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("schedule", "`" + RecordingLeakageDetectorDefaults.SCHEDULE_EXPRESSION + "`");
        expected.put("recordingGracePeriod", human(RecordingLeakageDetectorDefaults.RECORDING_GRACE_PERIOD));
        expected.put("minimumRecordedShare", number(RecordingLeakageDetectorDefaults.MINIMUM_RECORDED_SHARE));
        expected.put("minimumLegForRecordedShare", human(RecordingLeakageDetectorDefaults.MINIMUM_LEG_FOR_RECORDED_SHARE));
        expected.put("checkIvrRecordings", "`" + RecordingLeakageDetectorDefaults.CHECK_IVR_RECORDINGS + "`");
        expected.put("describeContactRateLimit",
                number(RecordingLeakageDetectorDefaults.DESCRIBE_CONTACT_RATE_LIMIT) + " requests/s");
        expected.put("maxTrackingAge", human(RecordingLeakageDetectorDefaults.MAX_TRACKING_AGE));
        expected.put("contactRetention", human(RecordingLeakageDetectorDefaults.CONTACT_RETENTION));
        expected.put("architecture", "`" + RecordingLeakageDetectorDefaults.ARCHITECTURE.getName() + "`");
        expected.put("memorySize", RecordingLeakageDetectorDefaults.MEMORY_SIZE + " MB");
        expected.put("workflowFunctionTimeout", human(RecordingLeakageDetectorDefaults
                .STANDARD_WORKFLOW_FUNCTION_TIMEOUT) + " (STANDARD), " + human(RecordingLeakageDetectorDefaults
                .EXPRESS_WORKFLOW_FUNCTION_TIMEOUT) + " (EXPRESS)");
        expected.put("logRetention", "`" + RecordingLeakageDetectorDefaults.LOG_RETENTION.name() + "`");
        expected.put("applicationLogLevel", "`" + RecordingLeakageDetectorDefaults.APPLICATION_LOG_LEVEL.name() + "`");
        expected.put("metricsNamespace", "`" + RecordingLeakageDetectorDefaults.METRICS_NAMESPACE + "`");
        expected.put("reportingTimeZone", "`" + RecordingLeakageDetectorDefaults.REPORTING_TIME_ZONE + "`");
        expected.put("flowLogSilencePeriod", human(RecordingLeakageDetectorDefaults.FLOW_LOG_SILENCE_PERIOD));
        expected.put("workflowSilencePeriod", human(RecordingLeakageDetectorDefaults.WORKFLOW_SILENCE_PERIOD));
        expected.put("contactEvents", "`" + RecordingLeakageDetectorDefaults.CONTACT_EVENTS + "`");
        expected.put("liveContactEventSilence", human(RecordingLeakageDetectorDefaults.LIVE_CONTACT_EVENT_SILENCE));
        expected.put("initialisedContactEventSilence",
                human(RecordingLeakageDetectorDefaults.INITIALISED_CONTACT_EVENT_SILENCE));
        expected.put("checkSchedule", "`" + RecordingLeakageDetectorDefaults.CHECK_SCHEDULE_EXPRESSION + "`");
        expected.put("recordingEvents", "`" + RecordingLeakageDetectorDefaults.RECORDING_EVENTS + "`");

        SoftAssertions.assertSoftly(softly -> expected.forEach((prop, shown) ->
                softly.assertThat(props.get(prop)).as("README default of " + prop).startsWith(shown)));
    }

    @Test
    void theEnvironmentTableListsExactlyTheRuntimesVariablesAndTheFixedValues() {
        assertThat(variables.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(EnvironmentVariable.values())
                .map(Enum::name).toList());
        assertThat(variables.get("SAFETY_MARGIN_SECONDS"))
                .contains("`" + RecordingLeakageDetectorDefaults.SAFETY_MARGIN.toSeconds() + "`");
        assertThat(variables.get("CONCURRENT_CONTACTS"))
                .contains("`" + RecordingLeakageDetectorDefaults.CONCURRENT_CONTACTS + "`");
        assertThat(variables.get("EVIDENCE_KEY_PREFIX"))
                .contains("`" + RecordingLeakageDetectorDefaults.EVIDENCE_KEY_PREFIX + "`");
    }

    /** The README's wording of a duration: CDK's own ({@code 15 minutes}, {@code 1 minute 30 seconds}). */
    private static String human(Duration duration) {
        return duration.toHumanString();
    }

    private static String number(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README section " + heading).isNotNegative();
        int end = readme.indexOf("\n#", start + heading.length() + 2);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    /** Rows {@code | `name` ... | a | b |}: name to the rest of the row (columns joined with " | "). */
    private static Map<String, String> firstColumnTable(String section) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z_]+)`[^|]*\\| (.*) \\|$").matcher(section);
        while (row.find()) {
            assertThat(rows.put(row.group(1), row.group(2))).as("README lists " + row.group(1) + " twice").isNull();
        }
        return rows;
    }
}
