package io.github.recordingleakagedetector.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.recordingleakagedetector.app.RecordingLeakageDetectorSampleStack;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetector;
import io.github.recordingleakagedetector.construct.RecordingLeakageDetectorDefaults;
import io.github.recordingleakagedetector.construct.testing.CdkTestApps;
import io.github.recordingleakagedetector.construct.testing.Templates;
import io.github.recordingleakagedetector.runtime.config.EnvironmentVariable;
import io.github.recordingleakagedetector.runtime.config.Handler;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogInterpreter;
import io.github.recordingleakagedetector.runtime.lifecycle.FlowLogRecord;
import io.github.recordingleakagedetector.runtime.lifecycle.RecordingBehaviourEvent;
import io.github.recordingleakagedetector.runtime.log.MetricName;
import io.github.recordingleakagedetector.runtime.store.ContactTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The construct mirrors the runtime's names without depending on its classes; this test holds both sides together.
 * GIVEN the sample app's template and the runtime's contract enums, THEN handler strings, environment variables, table
 * schema and metric names agree, and every handler class exists, with {@code handleRequest}, in the runtime jar the
 * construct embeds.
 */
class RuntimeContractTest {

    /** Where the construct jar carries the runtime's shaded jar. */
    private static final String EMBEDDED_RUNTIME_JAR =
            "/io/github/recordingleakagedetector/construct/runtime/recording-leakage-detector-runtime.jar";

    private static Template template;

    private static Map<String, JsonNode> functionsByHandler;

    @BeforeAll
    static void synthesize() {
        var stack = RecordingLeakageDetectorSampleStack.create(CdkTestApps.newApp(), StackProps.builder().build());
        template = Template.fromStack(stack);
        functionsByHandler = new LinkedHashMap<>();
        Templates.resourcesOfType(template, "AWS::Lambda::Function").values().forEach(function ->
                functionsByHandler.put(function.path("Properties").path("Handler").asText(), function.path("Properties")));
    }

    @Test
    void functionsAreExactlyTheRuntimesHandlers() {
        assertThat(functionsByHandler.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(Handler.values()).map(Handler::handlerString).toList());
    }

    @Test
    void eachFunctionSetsExactlyTheVariablesItsHandlerReads() {
        for (Handler handler : Handler.values()) {
            JsonNode variables = functionsByHandler.get(handler.handlerString()).path("Environment").path("Variables");
            Set<String> names = new TreeSet<>();
            variables.fieldNames().forEachRemaining(names::add);

            assertThat(names).as(handler.name()).containsExactlyInAnyOrderElementsOf(
                    EnvironmentVariable.readBy(handler).stream().map(Enum::name).toList());
            // Only the kinds that mean "none" when empty may be deployed empty: the runtime refuses any other.
            EnvironmentVariable.readBy(handler).stream().filter(v -> !v.acceptsEmpty()).forEach(required ->
                    assertThat(Templates.text(variables.path(required.name()))).as(handler + " " + required).isNotBlank());
        }
    }

    /**
     * The runtime has no defaults of its own: the values a default-configured detector deploys are the construct's
     * public defaults, as the runtime reads them (seconds, days, plain decimals).
     */
    @Test
    void aDefaultDetectorDeploysTheConstructsDefaults() {
        Map<EnvironmentVariable, String> expected = new LinkedHashMap<>();
        expected.put(EnvironmentVariable.RECORDING_GRACE_PERIOD_SECONDS,
                seconds(RecordingLeakageDetectorDefaults.RECORDING_GRACE_PERIOD));
        expected.put(EnvironmentVariable.MINIMUM_RECORDED_SHARE,
                decimal(RecordingLeakageDetectorDefaults.MINIMUM_RECORDED_SHARE));
        expected.put(EnvironmentVariable.MINIMUM_LEG_SECONDS_FOR_SHARE,
                seconds(RecordingLeakageDetectorDefaults.MINIMUM_LEG_FOR_RECORDED_SHARE));
        expected.put(EnvironmentVariable.CHECK_IVR_RECORDINGS,
                Boolean.toString(RecordingLeakageDetectorDefaults.CHECK_IVR_RECORDINGS));
        expected.put(EnvironmentVariable.DESCRIBE_CONTACT_RATE_LIMIT,
                decimal(RecordingLeakageDetectorDefaults.DESCRIBE_CONTACT_RATE_LIMIT));
        expected.put(EnvironmentVariable.MAX_TRACKING_AGE_SECONDS,
                seconds(RecordingLeakageDetectorDefaults.MAX_TRACKING_AGE));
        expected.put(EnvironmentVariable.CONTACT_RETENTION_DAYS,
                Long.toString(RecordingLeakageDetectorDefaults.CONTACT_RETENTION.toDays().longValue()));
        expected.put(EnvironmentVariable.SAFETY_MARGIN_SECONDS, seconds(RecordingLeakageDetectorDefaults.SAFETY_MARGIN));
        expected.put(EnvironmentVariable.CONCURRENT_CONTACTS,
                Integer.toString(RecordingLeakageDetectorDefaults.CONCURRENT_CONTACTS));
        expected.put(EnvironmentVariable.METRICS_NAMESPACE, RecordingLeakageDetectorDefaults.METRICS_NAMESPACE);
        expected.put(EnvironmentVariable.REPORTING_TIME_ZONE, RecordingLeakageDetectorDefaults.REPORTING_TIME_ZONE);
        expected.put(EnvironmentVariable.EVIDENCE_KEY_PREFIX, RecordingLeakageDetectorDefaults.EVIDENCE_KEY_PREFIX);
        expected.put(EnvironmentVariable.COMPLIANCE_TARGET_PERCENT, "");
        expected.put(EnvironmentVariable.ADDITIONAL_RECORDING_PREFIXES, "");
        expected.forEach((variable, value) -> {
            assertThat(variable.readBy()).as(variable.name()).isNotEmpty();
            for (Handler handler : variable.readBy()) {
                JsonNode deployed = functionsByHandler.get(handler.handlerString()).path("Environment")
                        .path("Variables").path(variable.name());
                assertThat(deployed.isTextual()).as(handler + " " + variable).isTrue();
                assertThat(deployed.asText()).as(handler + " " + variable).isEqualTo(value);
            }
        });
    }

    private static String seconds(software.amazon.awscdk.Duration duration) {
        return Long.toString(duration.toSeconds().longValue());
    }

    private static String decimal(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    @Test
    void tableKeyIndexAndTtlAreTheRuntimesSchema() {
        JsonNode table = Templates.onlyResourceOfType(template, "AWS::DynamoDB::Table").path("Properties");
        assertThat(table.path("KeySchema").toString()).isEqualTo(
                "[{\"AttributeName\":\"" + ContactTable.CONTACT_ID + "\",\"KeyType\":\"HASH\"}]");
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo(ContactTable.EXPIRES_AT);
        Map<String, String> indexes = new LinkedHashMap<>();
        table.path("GlobalSecondaryIndexes").forEach(index -> {
            assertThat(index.path("Projection").path("ProjectionType").asText()).isEqualTo("ALL");
            indexes.put(index.path("IndexName").asText(), index.path("KeySchema").toString());
        });
        assertThat(indexes).containsExactlyInAnyOrderEntriesOf(Map.of(
                ContactTable.STATE_INDEX, keySchema(ContactTable.STATE, ContactTable.UPDATED_AT),
                ContactTable.REPORTING_DAY_INDEX, keySchema(ContactTable.REPORTING_DAY, ContactTable.CONTACT_ID)));
        Map<String, String> types = new LinkedHashMap<>();
        table.path("AttributeDefinitions").forEach(d -> types.put(d.path("AttributeName").asText(), d.path("AttributeType").asText()));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of(ContactTable.CONTACT_ID, "S", ContactTable.STATE, "S",
                ContactTable.UPDATED_AT, "N", ContactTable.REPORTING_DAY, "S"));
    }

    private static String keySchema(String partition, String sort) {
        return "[{\"AttributeName\":\"" + partition + "\",\"KeyType\":\"HASH\"},"
                + "{\"AttributeName\":\"" + sort + "\",\"KeyType\":\"RANGE\"}]";
    }

    /**
     * GIVEN every metric an alarm or a dashboard widget names, THEN each one in the detector's namespace is a metric
     * the runtime emits, with exactly the runtime's dimension: an alarm or a graph on a name nobody emits would sit in
     * OK (or empty) forever.
     */
    @Test
    void everyMetricAnAlarmOrTheDashboardNamesIsOneTheRuntimeEmitsWithItsDimension() {
        String namespace = RecordingLeakageDetectorDefaults.METRICS_NAMESPACE;
        String detector = Templates.text(functionsByHandler.values().iterator().next().path("Environment")
                .path("Variables").path(EnvironmentVariable.DETECTOR_NAME.name()));
        List<List<String>> named = new ArrayList<>();
        Templates.resourcesOfType(template, "AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            JsonNode properties = alarm.path("Properties");
            if (properties.has("MetricName")) {
                named.add(metric(properties.path("Namespace").asText(), properties.path("MetricName").asText(),
                        properties.path("Dimensions")));
            }
            properties.path("Metrics").forEach(query -> {
                JsonNode metric = query.path("MetricStat").path("Metric");
                if (!metric.isMissingNode()) {
                    named.add(metric(metric.path("Namespace").asText(), metric.path("MetricName").asText(),
                            metric.path("Dimensions")));
                }
            });
        });
        JsonNode dashboard = Templates.parseJoined(Templates.onlyResourceOfType(template, "AWS::CloudWatch::Dashboard")
                .path("Properties").path("DashboardBody"));
        List<String> onDashboard = new ArrayList<>();
        dashboard.path("widgets").forEach(widget -> widget.path("properties").path("metrics").forEach(line -> {
            List<String> parts = new ArrayList<>();
            line.forEach(part -> {
                if (part.isTextual()) {
                    parts.add(part.asText());
                }
            });
            if (!parts.isEmpty()) {
                named.add(parts);
                onDashboard.add(parts.get(1));
            }
        }));

        List<List<String>> custom = named.stream().filter(metric -> metric.get(0).equals(namespace)).toList();
        assertThat(custom).isNotEmpty().allSatisfy(metric -> {
            assertThat(MetricName.valueOf(metric.get(1))).as(metric.toString()).isNotNull();
            assertThat(metric.subList(2, metric.size())).as(metric.toString())
                    .containsExactly(MetricName.DETECTOR_DIMENSION, detector);
        });
        assertThat(named).allSatisfy(metric -> assertThat(metric.get(0)).as(metric.toString())
                .isIn(namespace, "AWS/Lambda", "AWS/States", "AWS/SQS"));
        // Every category's metric is graphed, and so are the blind-detector signals
        assertThat(onDashboard).contains(MetricName.RecordingsVerified.name(), MetricName.RecordingsMissing.name(),
                MetricName.RecordingsEmpty.name(), MetricName.RecordingsPartial.name(),
                MetricName.RecordingsDeleted.name(), MetricName.ContactsNotRecordedIntentionally.name(),
                MetricName.ContactsNotApplicable.name(), MetricName.ContactsUnverifiable.name(),
                MetricName.FlowLogEventsIngested.name(), MetricName.DescribeContactCalls.name(),
                MetricName.DescribeContactThrottled.name(), MetricName.MalformedLogEvents.name());
    }

    /** Namespace, name, then each dimension's name and value. */
    private static List<String> metric(String namespace, String name, JsonNode dimensions) {
        List<String> metric = new ArrayList<>(List.of(namespace, name));
        dimensions.forEach(dimension -> {
            metric.add(dimension.path("Name").asText());
            metric.add(Templates.text(dimension.path("Value")));
        });
        return metric;
    }

    @Test
    void subscriptionFilterPassesExactlyTheModuleTypesTheRuntimeInterpretsAsRecordingBehaviour() {
        // GIVEN the filter's regex on $.ContactFlowModuleType, as the template carries it
        String filterPattern = Templates.onlyResourceOfType(template, "AWS::Logs::SubscriptionFilter")
                .path("Properties").path("FilterPattern").asText();
        Matcher regexValue = Pattern.compile("^\\{ \\$\\.ContactFlowModuleType = %([^%]+)% \\}$").matcher(filterPattern);
        assertThat(regexValue.matches()).as(filterPattern).isTrue();
        Pattern passes = Pattern.compile(regexValue.group(1));

        // WHEN module types in the casings Connect uses (and plausible names of the newer block) are offered to both
        List<String> moduleTypes = List.of("SetRecordingBehavior", "UpdateContactRecordingBehavior",
                "UpdateContactRecordingAndAnalyticsBehavior", "SetRecordingAnalyticsAndProcessingBehavior",
                "updateContactRecordingBehavior", "SetRecordingBehaviour", "PlayPrompt", "GetUserInput",
                "SetLoggingBehavior", "StartMediaStreaming", "SetContactAttributes", "TransferToQueue");

        // THEN the filter passes a module type exactly when the runtime would act on it
        for (String moduleType : moduleTypes) {
            String message = "{\"ContactId\":\"11111111-2222-3333-4444-555555555555\","
                    + "\"ContactFlowId\":\"arn:aws:connect:eu-west-2:111122223333:instance/"
                    + "00000000-0000-0000-0000-000000000000/contact-flow/flow\",\"ContactFlowName\":\"Inbound\","
                    + "\"ContactFlowModuleType\":\"" + moduleType + "\",\"Timestamp\":\"2024-01-01T00:00:00Z\","
                    + "\"Parameters\":{\"RecordingBehaviorOption\":\"Enable\",\"RecordingParticipantOption\":\"Both\","
                    + "\"RecordedParticipants\":[\"Agent\",\"Customer\"]}}";
            boolean interpreted = !(FlowLogInterpreter.interpret(new FlowLogRecord("1", 0L, message),
                    Instant.parse("2024-01-01T00:00:01Z"))
                    instanceof RecordingBehaviourEvent.Unrelated);
            assertThat(passes.matcher(moduleType).matches()).as(moduleType).isEqualTo(interpreted);
        }
    }

    @Test
    void everyTaskPassesTheExecutionStartInTheFieldTheRuntimeReads() {
        JsonNode definition = Templates.stateMachineDefinition(
                Templates.onlyResourceOfType(template, "AWS::StepFunctions::StateMachine"));
        List<JsonNode> tasks = new ArrayList<>();
        definition.path("States").forEach(state -> {
            state.path("Branches").forEach(branch -> branch.path("States").forEach(tasks::add));
            tasks.add(state);
        });
        tasks.removeIf(state -> !"Task".equals(state.path("Type").asText()));

        assertThat(tasks).hasSize(4).allSatisfy(task -> assertThat(task.path("Parameters")
                .path(Handler.EXECUTION_START_TIME_FIELD + ".$").asText()).isEqualTo("$$.Execution.StartTime"));
    }

    @Test
    void everyHandlerClassHasHandleRequestInsideTheEmbeddedRuntimeJar(@TempDir Path tempDir) throws Exception {
        // GIVEN the runtime jar exactly as the construct jar carries it (not the runtime on this test's classpath)
        Path jar = tempDir.resolve("runtime.jar");
        try (InputStream embedded = RecordingLeakageDetector.class.getResourceAsStream(EMBEDDED_RUNTIME_JAR)) {
            assertThat(embedded).as("runtime jar embedded in the construct jar").isNotNull();
            Files.copy(embedded, jar, StandardCopyOption.REPLACE_EXISTING);
        }

        // WHEN each Handler property of the template is resolved in a class loader that sees only that jar
        try (URLClassLoader runtimeOnly = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String handlerString : functionsByHandler.keySet()) {
                String className = handlerString.substring(0, handlerString.indexOf("::"));
                String methodName = handlerString.substring(handlerString.indexOf("::") + 2);

                // THEN
                Class<?> handlerClass = loadOrFail(className, runtimeOnly);
                assertThat(handlerClass.getClassLoader()).isSameAs(runtimeOnly);
                assertThat(Arrays.stream(handlerClass.getMethods()).map(Method::getName)).as(className).contains(methodName);
            }
        }
    }

    private static Class<?> loadOrFail(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("The template names handler class " + className
                    + ", which the runtime jar embedded in the construct does not contain", e);
        }
    }
}
